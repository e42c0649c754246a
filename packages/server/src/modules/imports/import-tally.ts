import type { ImportResult, ImportRowError, ImportRowNote } from '@qingyuan/shared';

/** The running counts and row reports of one import. A row counts once, as created, skipped or failed. */
export class ImportTally {
  total = 0;
  processed = 0;
  created = 0;
  skipped = 0;
  readonly errors: ImportRowError[] = [];
  readonly skippedRows: ImportRowNote[] = [];
  private readonly failedRows = new Set<string>();

  constructor(private readonly onProgress: (tally: ImportTally) => Promise<void>) {}

  get failed(): number {
    return this.failedRows.size;
  }

  fail(errors: readonly ImportRowError[]): void {
    for (const e of errors) {
      this.errors.push(e);
      this.failedRows.add(`${e.sheet}:${String(e.row)}`);
    }
  }

  hasFailed(sheet: string, row: number): boolean {
    return this.failedRows.has(`${sheet}:${String(row)}`);
  }

  skip(sheet: string, row: number, message: string): void {
    this.skipped++;
    this.skippedRows.push({ sheet, row, message });
  }

  create(rows = 1): void {
    this.created += rows;
  }

  /** Marks rows done and reports progress (the job record is updated now and then, not on every row). */
  async advance(rows: number): Promise<void> {
    this.processed += rows;
    await this.onProgress(this);
  }

  /** The report, rows in the order of the sheets (`sheets`) and then of the rows. */
  result(jobId: string, kind: ImportResult['kind'], dryRun: boolean, sheets: readonly string[]): ImportResult {
    const order = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.row - b.row;
    return {
      jobId, kind, dryRun, total: this.total, created: this.created, skipped: this.skipped, failed: this.failed,
      errors: [...this.errors].sort(order), skippedRows: [...this.skippedRows].sort(order),
    };
  }
}
