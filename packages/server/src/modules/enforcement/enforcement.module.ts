import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener, OrgsService } from '../orgs/index.ts';
import { CaseRecordsService } from './case-records.service.ts';
import { CasesService } from './cases.service.ts';
import type { Collaborators } from './collaborators.ts';
import { FiguresService } from './figures.service.ts';
import { SanctionsService } from './sanctions.service.ts';

/** The enforcement module's services, composed once with what they share. */
export class EnforcementModule {
  readonly cases: CasesService;
  readonly records: CaseRecordsService;
  readonly sanctions: SanctionsService;
  readonly figures: FiguresService;
  /** Subscribe with `orgs.addMoveListener`: copied org paths follow a moved unit. */
  readonly orgMoveListener: OrgMoveListener;

  constructor(platform: Platform, orgs: OrgsService, collaborators: Collaborators) {
    this.cases = new CasesService(platform, orgs, collaborators);
    const codec = this.cases.codec;
    this.records = new CaseRecordsService(platform, collaborators, codec);
    this.sanctions = new SanctionsService(platform, orgs, collaborators, codec);
    this.figures = new FiguresService(platform, orgs, collaborators);
    this.orgMoveListener = this.cases.orgMoveListener;
  }
}
