import { randomUUID } from 'node:crypto';
import type { CreateReportJob, ReportJobDto, ReportKind } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import { MINUTE } from '../../platform/clock.ts';
import { systemContext, type AuthedContext } from '../../platform/context.ts';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener } from '../orgs/index.ts';
import * as repo from './report-jobs.repository.ts';
import type { ReportsService } from './reports.service.ts';

/** A job still unfinished this long after it was created is failed (its server stopped, or it hung). */
export const JOB_TIMEOUT_MS = 10 * MINUTE;
const INTERRUPTED = '服务重启，生成已中断，请重新生成';
const TIMED_OUT = '生成超时（超过10分钟），请重新生成';

/**
 * 生成任务: a report generated in the background, in this server process, right after it is asked for. Progress is
 * written at each step; the finished Word file is kept (at most 50 per unit) and listed. The caller's context (scope,
 * audit actor) is the creator's, captured at creation.
 */
export class ReportJobsService {
  readonly #active = new Set<Promise<void>>();

  constructor(
    private readonly platform: Platform,
    /** The Word report builder (public so a test can make a step fail). */
    readonly reports: ReportsService,
    private readonly log: { error(details: object, message: string): void },
  ) {}

  /** An org unit moved: its jobs follow it (registered with the orgs module). */
  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  /** Validates the period and unit (400 naming the field, nothing written), records the job and starts it. */
  async create(ctx: AuthedContext, input: CreateReportJob): Promise<{ id: string }> {
    const query = this.reports.periodQuery(input.period);
    const unit = await this.reports.reportUnit(ctx, input.orgUnitId);
    const id = randomUUID();
    await this.platform.db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, { id, kind: input.kind, orgUnitId: unit.id, orgPath: unit.path, period: input.period, createdBy: ctx.actor.userId, createdAt: this.platform.clock.now() });
      await this.platform.audit.append(trx, ctx, { action: 'report.job_created', entityType: 'report_job', entityId: id, changes: { kind: input.kind, orgUnitId: unit.id, period: input.period } });
    });
    const run = this.#run(ctx, id, input.kind, unit.id, { ...query, orgUnitId: unit.id })
      .catch((error: unknown) => { this.log.error({ err: error, jobId: id }, 'report job bookkeeping failed'); })
      .finally(() => { this.#active.delete(run); });
    this.#active.add(run);
    return { id };
  }

  /** Resolves when no job of this process is running (tests, and shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#active.size > 0) await Promise.all([...this.#active]);
  }

  /** At server start: a job left queued or running was interrupted by the stop. */
  async recover(): Promise<number> {
    const ids = await repo.failUnfinished(this.platform.db, INTERRUPTED, this.platform.clock.now());
    if (ids.length > 0) await this.platform.audit.appendAlone(this.platform.db, systemContext(), { action: 'report.jobs_interrupted', entityType: 'report_job', entityId: null, changes: { ids } });
    return ids.length;
  }

  async list(ctx: AuthedContext, page: number, pageSize: number): Promise<{ items: ReportJobDto[]; total: number }> {
    await this.#expire();
    return repo.listJobs(this.platform.db, scopeOf(ctx.actor), page, pageSize);
  }

  async get(ctx: AuthedContext, id: string): Promise<ReportJobDto> {
    await this.#expire();
    const job = await repo.jobInScope(this.platform.db, scopeOf(ctx.actor), id);
    if (!job) throw notFound();
    const { createdById: _, ...dto } = job;
    return dto;
  }

  /** The finished file; 409 while it is not done. The download is audited. */
  async file(ctx: AuthedContext, id: string): Promise<{ filename: string; content: Buffer }> {
    return this.platform.db.transaction().execute(async (trx) => {
      const job = await repo.fileInScope(trx, scopeOf(ctx.actor), id);
      if (!job) throw notFound();
      if (job.status !== 'done' || !job.file || !job.filename) throw conflict(job.status === 'failed' ? '报告生成失败，没有可下载的文件' : '报告尚未生成完成，请稍后下载');
      await this.platform.audit.append(trx, ctx, { action: 'report.job_downloaded', entityType: 'report_job', entityId: id, changes: { orgUnitId: job.orgUnitId, filename: job.filename } });
      return { filename: job.filename, content: Buffer.from(job.file) };
    });
  }

  /** The creator, or the office (who configures reports), may delete a job. */
  async delete(ctx: AuthedContext, id: string): Promise<void> {
    await this.platform.db.transaction().execute(async (trx) => {
      const job = await repo.jobInScope(trx, scopeOf(ctx.actor), id);
      if (!job) throw notFound();
      if (job.createdById !== ctx.actor.userId && !ctx.actor.permissions.has('reports.configure')) throw forbidden('只有生成人或禁毒办可以删除生成任务');
      await repo.deleteJob(trx, id);
      await this.platform.audit.append(trx, ctx, { action: 'report.job_deleted', entityType: 'report_job', entityId: id, changes: { kind: job.kind, orgUnitId: job.orgUnitId, period: job.period, status: job.status } });
    });
  }

  async #run(ctx: AuthedContext, id: string, kind: ReportKind, orgUnitId: string, query: { year: number; quarter?: number; month?: number; orgUnitId: string }): Promise<void> {
    const db = this.platform.db;
    try {
      await repo.setProgress(db, id, 5, '正在读取指标数据');
      const file = await this.reports.docx(ctx, kind, query, (percent, step) => repo.setProgress(db, id, percent, step));
      await db.transaction().execute(async (trx) => {
        await repo.lockUnit(trx, orgUnitId);
        if (!(await repo.finishJob(trx, id, file, this.platform.clock.now()))) return;
        const pruned = await repo.pruneUnit(trx, orgUnitId);
        await this.platform.audit.append(trx, ctx, { action: 'report.job_finished', entityType: 'report_job', entityId: id, changes: { filename: file.filename, size: file.content.length, pruned } });
      });
    } catch (error) {
      const message = error instanceof DomainError ? (error.errors?.[0]?.message ?? error.title) : '生成报告时发生错误，请稍后重试';
      if (!(error instanceof DomainError)) this.log.error({ err: error, jobId: id }, 'report job failed');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.failJob(trx, id, message, this.platform.clock.now()))) return;
        await this.platform.audit.append(trx, ctx, { action: 'report.job_failed', entityType: 'report_job', entityId: id, changes: { error: message } });
      });
    }
  }

  /** Fails the jobs unfinished for longer than the timeout (audited as the system). */
  async #expire(): Promise<void> {
    const now = this.platform.clock.now();
    const ids = await repo.failUnfinished(this.platform.db, TIMED_OUT, now, new Date(now.getTime() - JOB_TIMEOUT_MS));
    if (ids.length > 0) await this.platform.audit.appendAlone(this.platform.db, systemContext(), { action: 'report.jobs_timed_out', entityType: 'report_job', entityId: null, changes: { ids } });
  }
}
