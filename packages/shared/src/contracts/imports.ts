import { z } from 'zod';

/**
 * Excel import (导入) and export (导出). An import is validated row by row with the same contracts and rules as the
 * API; the report names each bad row by its sheet, Excel row number, the column's Chinese header and why.
 */

export const IMPORT_KINDS = ['cases', 'persons'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { cases: '历史案件及缴获', persons: '吸毒人员及管控措施' };

export const ImportQuery = z.object({
  /** Validate only: report what would be imported and every row error, write nothing but the audit row. */
  dryRun: z.enum(['true', 'false'], '应为 true 或 false').default('false').transform((v) => v === 'true'),
  /** Chosen by the client so it can poll the job's progress while the upload is being processed. */
  jobId: z.uuid('任务编号格式不正确').optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportRowError = z.object({ sheet: z.string(), row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

/** A row left alone on purpose (already registered: a re-import writes nothing). */
export const ImportRowNote = z.object({ sheet: z.string(), row: z.number().int(), message: z.string() });
export type ImportRowNote = z.infer<typeof ImportRowNote>;

export const ImportResult = z.object({
  jobId: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  dryRun: z.boolean(),
  /** Data rows read, over every sheet. */
  total: z.number().int(),
  /** Rows written (dry run: rows that would be written). */
  created: z.number().int(),
  /** Rows already on record, left unchanged. */
  skipped: z.number().int(),
  /** Rows refused; nothing of them was written. */
  failed: z.number().int(),
  errors: z.array(ImportRowError),
  skippedRows: z.array(ImportRowNote),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const IMPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export const ImportJob = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  dryRun: z.boolean(),
  status: z.enum(IMPORT_JOB_STATUSES),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
