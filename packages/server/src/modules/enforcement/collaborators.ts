import type { DetectionOutcome, Substance } from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import type { AuditEntry, Trx } from '../../platform/audit/audit-log.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { PersonRecordsService, PersonsService } from '../persons/index.ts';

/** What enforcement needs from the persons module, behind its public API (each table has one owner). */
export interface Collaborators {
  /** The shared substance catalogue (active entries). Read before a transaction opens: it uses its own connection. */
  substances(): Promise<Substance[]>;
  /**
   * The registered person (吸毒人员) with this ID number in the caller's enforcement area, or null. A search of the
   * register: the persons module audits it as such. Called before a transaction opens.
   */
  registeredPerson(ctx: AuthedContext, area: Scope, idNumber: string): Promise<string | null>;
  /**
   * 查获 fed by 查处吸毒: in the sanction's transaction, the registered person's detection for it (written, or an
   * already typed one linked). Returns the person's audit entry for the caller to append with its own, last.
   */
  detectionFromSanction(
    trx: Trx,
    input: { personId: string; sanctionId: string; decidedAt: string; outcome: DetectionOutcome; agency: string; createdBy: string },
  ): Promise<AuditEntry>;
}

/** The collaborators as the persons module provides them. */
export function personsCollaborators(persons: PersonsService, records: PersonRecordsService): Collaborators {
  return {
    substances: () => records.substances(),
    detectionFromSanction: (trx, input) => records.detectionFromSanction(trx, input),
    async registeredPerson(ctx, area, idNumber) {
      // The register is searched within the enforcement area (a police unit's area, not its own empty subtree).
      const inArea: AuthedContext = { ...ctx, actor: { ...ctx.actor, orgPath: area.rootPath } };
      const page = await persons.list(inArea, { q: idNumber, page: 1, pageSize: 1 });
      return page.total === 1 ? (page.items[0]?.id ?? null) : null;
    },
  };
}
