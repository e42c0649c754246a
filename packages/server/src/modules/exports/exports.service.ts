import {
  CASE_LEVEL_LABELS,
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
  MEASURE_KIND_LABELS,
  PERSON_STATUS_LABELS,
  SANCTION_KIND_LABELS,
  SEX_LABELS,
  SUPERVISION_LABELS,
  SUSPECT_ROLE_LABELS,
  ASSET_KIND_LABELS,
  WANTED_LEVEL_LABELS,
  type AssetDto,
  type PrecursorSeizureDto,
  type SeizureDto,
  type SuspectDto,
  TEST_NOTICE_METHOD_LABELS,
  WORKLIST_LABELS,
  type CaseListItem,
  type CaseListQuery,
  type FigureRecord,
  type FigureRecordsQuery,
  type PersonListItem,
  type PersonListQuery,
  type SanctionDto,
  type SanctionListQuery,
  type Worklist,
  type WorklistRow,
  type WorklistPageQuery,
} from '@qingyuan/shared';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { addListSheet, listWorkbook, listsWorkbook, type ExportSheet } from '../../platform/excel/xlsx.ts';
import type { Platform } from '../../platform/platform.ts';
import type { EnforcementModule } from '../enforcement/index.ts';
import type { PersonsService } from '../persons/index.ts';
import type { SupervisionService } from '../supervision/index.ts';

/** The most rows one export holds (a district's registers are far smaller). */
export const MAX_EXPORT_ROWS = 50_000;

const RECORD_KIND_LABELS: Record<FigureRecord['kind'], string> = {
  case: '案件', suspect: '犯罪嫌疑人', seizure: '毒品缴获', precursorSeizure: '制毒物品缴获', sanction: '查处吸毒', asset: '涉毒资产',
};

export interface ExportFile {
  filename: string;
  content: Buffer;
}

/**
 * Excel exports of the lists. Each reads through the list's own service (so scope and masking are exactly the screen's:
 * ID numbers and phones masked, always — revealing stays an on-screen, audited action) and is audited as a sensitive
 * read with who, which filter and how many rows.
 */
export class ExportsService {
  constructor(
    private readonly platform: Platform,
    private readonly deps: { persons: PersonsService; enforcement: EnforcementModule; supervision: SupervisionService },
  ) {}

  private stamp(): string {
    const now = this.platform.clock.now();
    return `${chinaDate(now)} ${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
  }

  private subtitle(ctx: AuthedContext, filter: string): string {
    return `单位：${ctx.actor.orgUnitName}；${filter || '筛选：全部'}；导出时间：${this.stamp()}；导出人：${ctx.actor.displayName}`;
  }

  private async finish<T>(ctx: AuthedContext, action: string, filter: Record<string, unknown>, sheet: ExportSheet<T>): Promise<ExportFile> {
    const content = await listWorkbook(sheet);
    await this.platform.audit.appendAlone(this.platform.db, ctx, { action, entityType: 'export', entityId: null, changes: { filter, rows: sheet.items.length } });
    return { filename: `${sheet.title}（${chinaDate(this.platform.clock.now())}）.xlsx`, content };
  }

  async cases(ctx: AuthedContext, query: CaseListQuery): Promise<ExportFile> {
    const { page: _p, pageSize: _s, ...filter } = query;
    const { items } = await this.deps.enforcement.cases.list(ctx, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    const parts = [
      filter.year !== undefined ? `年度：${String(filter.year)}` : '',
      filter.type ? `类型：${CASE_TYPE_LABELS[filter.type]}` : '',
      filter.level ? `等级：${CASE_LEVEL_LABELS[filter.level]}` : '',
      filter.status ? `状态：${CASE_STATUS_LABELS[filter.status]}` : '',
      filter.q ? `编号含：${filter.q}` : '',
    ].filter((p) => p !== '');
    return this.finish<CaseListItem>(ctx, 'cases.exported', filter, {
      name: '案件登记',
      title: `${ctx.actor.orgUnitName}毒品案件登记表`,
      subtitle: this.subtitle(ctx, parts.length ? `筛选：${parts.join('，')}` : ''),
      items,
      columns: [
        { header: '案件编号', width: 28, value: (c) => c.caseNumber },
        { header: '案件类型', width: 18, value: (c) => CASE_TYPE_LABELS[c.type] },
        { header: '案件等级', width: 10, value: (c) => CASE_LEVEL_LABELS[c.level] },
        { header: '督办级别', width: 10, value: (c) => (c.supervision ? SUPERVISION_LABELS[c.supervision] : '') },
        { header: '状态', width: 10, value: (c) => CASE_STATUS_LABELS[c.status] },
        { header: '立案日期', width: 12, value: (c) => c.filedAt },
        { header: '破案日期', width: 12, value: (c) => c.solvedAt },
        { header: '起诉日期', width: 12, value: (c) => c.prosecutedAt },
        { header: '发案地', width: 18, value: (c) => c.orgUnit.name },
        { header: '办案单位', width: 20, value: (c) => c.handlingUnit.name },
        { header: '犯罪嫌疑人（人）', width: 16, value: (c) => c.suspectCount },
        { header: '缴获毒品（克）', width: 16, value: (c) => Number(c.grams), numFmt: '0.000' },
      ],
    });
  }

  /** One case with its suspects (masked), seizures, precursor seizures and assets: a sheet each. 404 outside scope. */
  async caseRecord(ctx: AuthedContext, id: string): Promise<ExportFile> {
    const c = await this.deps.enforcement.cases.get(ctx, id);
    const subtitle = this.subtitle(ctx, `案件编号：${c.caseNumber}；${CASE_TYPE_LABELS[c.type]}，${CASE_LEVEL_LABELS[c.level]}；发案地：${c.orgUnit.name}`);
    const content = await listsWorkbook((workbook) => {
      addListSheet<SuspectDto>(workbook, {
        name: '犯罪嫌疑人', title: `${c.caseNumber} 犯罪嫌疑人`, subtitle, items: c.suspects,
        columns: [
          { header: '姓名', width: 12, value: (x) => x.name },
          { header: '身份证号（脱敏）', width: 22, value: (x) => x.idNumberMasked },
          { header: '涉案角色', width: 10, value: (x) => SUSPECT_ROLE_LABELS[x.role] },
          { header: '抓获日期', width: 12, value: (x) => x.caughtAt },
          { header: '刑事拘留', width: 12, value: (x) => x.criminalDetentionAt },
          { header: '逮捕', width: 12, value: (x) => x.arrestedAt },
          { header: '起诉', width: 12, value: (x) => x.prosecutedAt },
          { header: '通缉级别', width: 12, value: (x) => (x.wantedLevel ? WANTED_LEVEL_LABELS[x.wantedLevel] : '') },
          { header: '已在册吸毒人员', width: 14, value: (x) => (x.personId ? '是' : '否') },
        ],
      });
      addListSheet<SeizureDto>(workbook, {
        name: '缴获毒品', title: `${c.caseNumber} 缴获毒品`, subtitle, items: c.seizures,
        columns: [
          { header: '毒品种类', width: 14, value: (x) => x.drugName },
          { header: '重量（克）', width: 14, value: (x) => Number(x.grams), numFmt: '0.000' },
          { header: '零包（包）', width: 12, value: (x) => x.packets },
          { header: '缴获日期', width: 12, value: (x) => x.seizedAt },
          { header: '缴获地点', width: 24, value: (x) => x.place },
        ],
      });
      addListSheet<PrecursorSeizureDto>(workbook, {
        name: '缴获制毒物品', title: `${c.caseNumber} 缴获制毒物品`, subtitle, items: c.precursorSeizures,
        columns: [
          { header: '物品名称', width: 16, value: (x) => x.chemical },
          { header: '重量（千克）', width: 14, value: (x) => Number(x.kilograms), numFmt: '0.000' },
          { header: '缴获日期', width: 12, value: (x) => x.seizedAt },
          { header: '缴获地点', width: 24, value: (x) => x.place },
        ],
      });
      addListSheet<AssetDto>(workbook, {
        name: '涉毒资产', title: `${c.caseNumber} 涉毒资产`, subtitle, items: c.assets,
        columns: [
          { header: '处置类型', width: 12, value: (x) => ASSET_KIND_LABELS[x.kind] },
          { header: '金额（元）', width: 16, value: (x) => Number(x.amount), numFmt: '#,##0.00' },
          { header: '说明', width: 30, value: (x) => x.description },
          { header: '登记日期', width: 12, value: (x) => x.recordedAt },
        ],
      });
    });
    await this.platform.audit.appendAlone(this.platform.db, ctx, {
      action: 'case.exported', entityType: 'drug_case', entityId: c.id,
      changes: { suspects: c.suspects.length, seizures: c.seizures.length, precursorSeizures: c.precursorSeizures.length, assets: c.assets.length },
    });
    return { filename: `案件${c.caseNumber}（${chinaDate(this.platform.clock.now())}）.xlsx`, content };
  }

  async sanctions(ctx: AuthedContext, query: SanctionListQuery): Promise<ExportFile> {
    const { page: _p, pageSize: _s, ...filter } = query;
    const { items } = await this.deps.enforcement.sanctions.list(ctx, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    const parts = [filter.year !== undefined ? `年度：${String(filter.year)}` : '', filter.kind ? `处理：${SANCTION_KIND_LABELS[filter.kind]}` : ''].filter((p) => p);
    return this.finish<SanctionDto>(ctx, 'sanctions.exported', filter, {
      name: '查处吸毒人员',
      title: `${ctx.actor.orgUnitName}查处吸毒人员登记表`,
      subtitle: this.subtitle(ctx, parts.length ? `筛选：${parts.join('，')}` : ''),
      items,
      columns: [
        { header: '姓名', width: 12, value: (s) => s.name },
        { header: '身份证号（脱敏）', width: 22, value: (s) => s.idNumberMasked },
        { header: '处理方式', width: 16, value: (s) => SANCTION_KIND_LABELS[s.kind] },
        { header: '决定日期', width: 12, value: (s) => s.decidedAt },
        { header: '拘留天数', width: 10, value: (s) => s.detentionDays },
        { header: '罚款金额（元）', width: 14, value: (s) => (s.fineAmount === null ? null : Number(s.fineAmount)), numFmt: '#,##0.00' },
        { header: '查获地', width: 18, value: (s) => s.orgUnit.name },
        { header: '办案单位', width: 20, value: (s) => s.handlingUnit.name },
        { header: '已在册', width: 8, value: (s) => (s.personId ? '是' : '否') },
      ],
    });
  }

  async figureRecords(ctx: AuthedContext, indicator: string, query: FigureRecordsQuery): Promise<ExportFile> {
    const { page: _p, pageSize: _s, ...filter } = query;
    const records = await this.deps.enforcement.figures.records(ctx, indicator, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    return this.finish<FigureRecord>(ctx, 'figure_records.exported', { indicator, ...filter }, {
      name: '指标明细',
      title: `${records.label}明细`,
      subtitle: this.subtitle(ctx, `统计期间：${records.period.from} 至 ${records.period.to}；合计 ${records.value}${records.unit}`),
      items: records.items,
      columns: [
        { header: '记录类型', width: 14, value: (r) => RECORD_KIND_LABELS[r.kind] },
        { header: '日期', width: 12, value: (r) => r.on },
        { header: '案件编号', width: 28, value: (r) => r.caseNumber },
        { header: '说明', width: 40, value: (r) => r.description },
        { header: `计入数（${records.unit}）`, width: 14, value: (r) => Number(r.amount), numFmt: records.unit === '克' || records.unit === '千克' ? '0.000' : records.unit === '元' ? '#,##0.00' : '0' },
        { header: '单位', width: 18, value: (r) => r.orgUnitName },
      ],
    });
  }

  async persons(ctx: AuthedContext, query: PersonListQuery): Promise<ExportFile> {
    const { page: _p, pageSize: _s, q, ...rest } = query;
    const { items } = await this.deps.persons.list(ctx, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    // A searched term can be an ID number: the audit row says only that there was one.
    const filter = { ...rest, ...(q?.trim() ? { q: 'set' } : {}) };
    const parts = [rest.status ? `状态：${PERSON_STATUS_LABELS[rest.status]}` : '', q?.trim() ? '按关键词查询结果' : ''].filter((p) => p);
    return this.finish<PersonListItem>(ctx, 'persons.exported', filter, {
      name: '吸毒人员名单',
      title: `${ctx.actor.orgUnitName}吸毒人员名单`,
      subtitle: this.subtitle(ctx, parts.length ? `筛选：${parts.join('，')}` : ''),
      items,
      columns: [
        { header: '姓名', width: 12, value: (p) => p.name },
        { header: '身份证号（脱敏）', width: 22, value: (p) => p.idNumberMasked },
        { header: '性别', width: 6, value: (p) => SEX_LABELS[p.sex] },
        { header: '年龄', width: 6, value: (p) => p.age },
        { header: '联系电话（脱敏）', width: 18, value: (p) => p.phonesMasked.join('、') },
        { header: '责任单位', width: 18, value: (p) => p.orgUnitName },
        { header: '状态', width: 8, value: (p) => PERSON_STATUS_LABELS[p.status] },
      ],
    });
  }

  async worklist(ctx: AuthedContext, query: WorklistPageQuery): Promise<ExportFile> {
    const { page: _p, pageSize: _s, ...filter } = query;
    const { items } = await this.deps.supervision.worklist(ctx, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    return this.finish<WorklistRow>(ctx, 'worklist.exported', filter, {
      name: '工作清单',
      title: `${ctx.actor.orgUnitName}工作清单：${WORKLIST_LABELS[query.list]}`,
      subtitle: this.subtitle(ctx, ''),
      items,
      columns: worklistColumns(query.list),
    });
  }

}

/** The columns of one working list: the measure lists share theirs; each person list shows its own facts. */
function worklistColumns(list: Worklist): { header: string; width: number; value: (w: WorklistRow) => string | number }[] {
  const name = { header: '姓名', width: 12, value: (w: WorklistRow) => w.personName };
  const measure = { header: '措施', width: 14, value: (w: WorklistRow) => (w.measureKind ? MEASURE_KIND_LABELS[w.measureKind] : '') };
  const explanation = { header: '说明', width: 50, value: (w: WorklistRow) => w.explanation };
  switch (list) {
    case 'highRisk':
      return [name, measure, { header: '风险等级', width: 10, value: () => '高风险' }, { header: '评估日期', width: 12, value: (w) => w.assessedOn ?? '' },
        { header: '下次评估', width: 12, value: (w) => w.dueDate }, { header: '逾期天数', width: 10, value: (w) => w.overdueDays }, explanation];
    case 'lostContact':
      return [name, measure, { header: '最近联系日期', width: 14, value: (w) => w.lastContactDate ?? '' },
        { header: '未联系天数', width: 12, value: (w) => w.daysSinceContact ?? 0 }, { header: '阈值（天）', width: 10, value: (w) => w.thresholdDays ?? 0 }, explanation];
    case 'transfersWaiting':
      return [name, { header: '移出单位', width: 18, value: (w) => w.fromOrgUnitName ?? '' }, { header: '接收单位', width: 18, value: (w) => w.toOrgUnitName ?? '' },
        { header: '移交日期', width: 12, value: (w) => w.sentOn ?? '' }, { header: '待接收天数', width: 12, value: (w) => w.pendingDays ?? 0 },
        { header: '超期督办', width: 10, value: (w) => (w.escalated ? '是' : '否') }, explanation];
    case 'missedNotices':
      return [name, { header: '通知日期', width: 12, value: (w) => w.notifiedOn ?? '' },
        { header: '通知方式', width: 10, value: (w) => (w.noticeMethod ? TEST_NOTICE_METHOD_LABELS[w.noticeMethod] : '') },
        { header: '应检测日期', width: 12, value: (w) => w.dueDate }, { header: '逾期天数', width: 10, value: (w) => w.daysSinceDue ?? 0 }, explanation];
    case 'due':
    case 'overdue':
    case 'notReportedIn':
    case 'endingSoon':
      return [name, measure, { header: '应办日期', width: 12, value: (w) => w.dueDate }, { header: '逾期天数', width: 10, value: (w) => w.overdueDays },
        { header: '依据', width: 30, value: (w) => w.rule }, explanation];
  }
}
