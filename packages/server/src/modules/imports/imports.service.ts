import { randomUUID } from 'node:crypto';
import { IMPORT_KIND_LABELS, type ImportJob, type ImportKind, type ImportQuery, type ImportResult, type Substance } from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { readWorkbook } from '../../platform/excel/xlsx.ts';
import type { Platform } from '../../platform/platform.ts';
import type { EnforcementModule } from '../enforcement/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { PersonsService } from '../persons/index.ts';
import type { SupervisionService } from '../supervision/index.ts';
import { CASE_NOTES, caseSheets, importCases } from './case-import.ts';
import { templateWorkbook } from './import-sheet.ts';
import { ImportTally } from './import-tally.ts';
import * as repo from './imports.repository.ts';
import { MEASURE_SHEET, PERSON_NOTES, PERSON_SHEET, importPersons } from './person-import.ts';

/** The job record is brought up to date every this many rows (the browser polls it for the progress bar). */
const PROGRESS_EVERY = 25;

export interface ImportCollaborators {
  orgs: OrgsService;
  persons: PersonsService;
  supervision: SupervisionService;
  enforcement: EnforcementModule;
  substances(): Promise<Substance[]>;
}

/**
 * Excel imports. Every row is validated first (the API's contracts and pure rules, references resolved in the caller's
 * scope, duplicates and records already on file); then each good record is written through its module's own service,
 * in that service's own transaction with its own audit row — so a bad row writes nothing, a good row is written whole,
 * and scope and rules are exactly the API's. Progress is kept in an import_job row the browser polls.
 */
export class ImportsService {
  constructor(
    private readonly platform: Platform,
    private readonly deps: ImportCollaborators,
  ) {}

  async template(kind: ImportKind): Promise<{ filename: string; content: Buffer }> {
    const title = `${IMPORT_KIND_LABELS[kind]}导入模板`;
    const content = kind === 'cases'
      ? await (async () => {
          const specs = caseSheets(await this.deps.substances());
          return templateWorkbook(title, [specs.cases, specs.seizures], CASE_NOTES);
        })()
      : await templateWorkbook(title, [PERSON_SHEET, MEASURE_SHEET], PERSON_NOTES);
    return { filename: `${title}.xlsx`, content };
  }

  async run(ctx: AuthedContext, kind: ImportKind, file: Buffer, query: ImportQuery): Promise<ImportResult> {
    const db = this.platform.db;
    const jobId = query.jobId ?? randomUUID();
    if (await repo.jobExists(db, jobId)) throw conflict('导入任务编号已存在，请重新上传', 'jobId');
    const workbook = await readWorkbook(file);
    const sheets = kind === 'cases' ? ['案件', '缴获'] : [PERSON_SHEET.name, MEASURE_SHEET.name];
    if (!workbook.getWorksheet(sheets[0])) throw invalidField('file', `缺少工作表“${sheets[0] ?? ''}”，请使用下载的模板`);
    await repo.insertJob(db, { id: jobId, kind, dryRun: query.dryRun, createdBy: ctx.actor.userId, at: this.platform.clock.now() });
    let reported = 0;
    const counts = (t: ImportTally) => ({ total: t.total, processed: t.processed, created: t.created, skipped: t.skipped, failed: t.failed });
    const tally = new ImportTally(async (t) => {
      if (t.processed - reported < PROGRESS_EVERY) return;
      reported = t.processed;
      await repo.updateJob(db, jobId, counts(t));
    });
    try {
      if (kind === 'cases') {
        const substances = await this.deps.substances();
        await importCases(this.platform, this.deps.orgs, this.deps.enforcement, substances, ctx, workbook, query.dryRun, tally);
      } else {
        await importPersons(this.platform, this.deps.persons, this.deps.supervision, ctx, workbook, query.dryRun, tally);
      }
    } catch (error) {
      await repo.updateJob(db, jobId, counts(tally), { status: 'failed', at: this.platform.clock.now() });
      throw error;
    }
    await repo.updateJob(db, jobId, { ...counts(tally), processed: tally.total }, { status: 'done', at: this.platform.clock.now() });
    // One row for the import itself; every record it created was audited by its own service.
    await this.platform.audit.appendAlone(db, ctx, {
      action: query.dryRun ? 'import.validated' : 'import.completed',
      entityType: 'import_job',
      entityId: jobId,
      changes: { kind, dryRun: query.dryRun, total: tally.total, created: tally.created, skipped: tally.skipped, failed: tally.failed },
    });
    return tally.result(jobId, kind, query.dryRun, sheets);
  }

  async job(ctx: AuthedContext, id: string): Promise<ImportJob> {
    return (await repo.findJob(this.platform.db, id, ctx.actor.userId)) ?? Promise.reject(notFound());
  }
}
