import { z } from 'zod';
import { listResponse, PageQuery, plainText, QuarterParam, YearParam } from './common.ts';

/**
 * Report templates (简报 / 工作总结) the office edits: headings, which indicators each sentence words, in which order,
 * the table and the chart of each section. Every save is a new version; a report names the version it was built from.
 */
export const REPORT_KINDS = ['bulletin', 'summary'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { bulletin: '禁毒工作简报', summary: '禁毒工作总结' };

/** Any code of the indicator library (checked against the registry by the server). */
const IndicatorCode = plainText().min(1, '请选择指标').max(64, '指标代码过长').regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, '指标不在指标库中');

export const ReportClause = z.object({
  indicator: IndicatorCode,
  /** Parts worded after 其中 (e.g. 重特大案件 within 破获案件). */
  details: z.array(IndicatorCode).max(6, '其中项最多6个').default([]),
  completion: z.boolean().default(true),
  yoy: z.boolean().default(true),
});
export type ReportClause = z.infer<typeof ReportClause>;

export const ReportSentence = z.object({ clauses: z.array(ReportClause).min(1, '每句至少一个指标').max(8, '每句最多8个指标') });

export const ReportSectionTemplate = z.object({
  heading: plainText().min(1, '请填写标题').max(40, '标题最多40字'),
  /** Free text the office writes itself, placed before the generated sentences (work done, plans). */
  intro: plainText().max(2000, '说明最多2000字').default(''),
  sentences: z.array(ReportSentence).max(10, '每节最多10句').default([]),
  /** Indicators of the section's table (value, target, completion, last year, 同比). */
  table: z.array(IndicatorCode).max(30, '表格最多30个指标').default([]),
  /** An indicator charted by township (bar chart). */
  chart: IndicatorCode.nullable().default(null),
});
export type ReportSectionTemplate = z.infer<typeof ReportSectionTemplate>;

export const ReportTemplateBody = z.object({
  /** {单位} and {期间} are replaced: 示范区2026年第三季度禁毒工作简报. */
  title: plainText().min(1, '请填写报告标题').max(60, '报告标题最多60字'),
  sections: z.array(ReportSectionTemplate).min(1, '至少一节').max(12, '最多12节'),
});
export type ReportTemplateBody = z.infer<typeof ReportTemplateBody>;
export type ReportTemplateInput = z.input<typeof ReportTemplateBody>;

export const ReportKindParams = z.object({ kind: z.enum(REPORT_KINDS, '报告类型不在允许范围内') });

export const ReportTemplateDto = z.object({
  kind: z.enum(REPORT_KINDS),
  /** 0 for the built-in template that no one has edited yet. */
  version: z.number().int(),
  body: ReportTemplateBody,
  savedBy: z.string().nullable(),
  savedAt: z.string().nullable(),
});
export type ReportTemplateDto = z.infer<typeof ReportTemplateDto>;

const Year = YearParam;
const Quarter = QuarterParam;

/** A month in a query string (1–12). */
const Month = z.coerce.number('月份应为1至12').int('月份应为1至12').min(1, '月份应为1至12').max(12, '月份应为1至12');

export const ReportQuery = z.object({
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  year: Year,
  quarter: Quarter.optional(),
  /** 1–12 for a monthly report (exclusive with quarter): the month's figures and 1—N月累计 against the year's targets. */
  month: Month.optional(),
}).superRefine((v, ctx) => {
  if (v.quarter !== undefined && v.month !== undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: '月份与季度只能选择其一' });
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The report as text (the same sentences as the Word file), for the preview on screen. */
export const ReportPreview = z.object({
  title: z.string(),
  byline: z.string(),
  templateVersion: z.number().int(),
  sections: z.array(
    z.object({
      heading: z.string(),
      paragraphs: z.array(z.string()),
      table: z.object({ caption: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).nullable(),
      chart: z.object({ caption: z.string(), categories: z.array(z.string()), values: z.array(z.number()) }).nullable(),
    }),
  ),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

/** A report period: a year (2026), a quarter (2026-Q3) or a month (2026-07). */
export const ReportPeriod = plainText().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '期间应为年度（2026）、季度（2026-Q3）或月份（2026-07）');

/** `GET /api/reports/bulletin.docx`: the bulletin of a unit (default the caller's) for a period. */
export const BulletinQuery = z.object({
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  period: ReportPeriod,
});
export type BulletinQuery = z.infer<typeof BulletinQuery>;

/** 生成任务: a report generated in the background; the finished file is kept (at most 50 per unit). */
export const REPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];
export const REPORT_JOB_STATUS_LABELS: Record<ReportJobStatus, string> = { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' };

export const CreateReportJob = z.object({
  kind: z.enum(REPORT_KINDS, '报告类型不在允许范围内'),
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  period: ReportPeriod,
});
export type CreateReportJob = z.infer<typeof CreateReportJob>;

export const ReportJobDto = z.object({
  id: z.string(),
  kind: z.enum(REPORT_KINDS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  status: z.enum(REPORT_JOB_STATUSES),
  /** 0–100. */
  progress: z.number().int(),
  /** What the job is doing (读取指标数据, 绘制图表, 生成Word文档, 已完成). */
  step: z.string(),
  filename: z.string().nullable(),
  /** Bytes of the finished file. */
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportJobDto = z.infer<typeof ReportJobDto>;

export const ReportJobList = listResponse(ReportJobDto);
export type ReportJobList = z.infer<typeof ReportJobList>;
export const ReportJobQuery = PageQuery;
export const ReportJobParams = z.object({ id: z.uuid('任务编号格式不正确') });
export const ReportJobCreated = z.object({ id: z.string() });
