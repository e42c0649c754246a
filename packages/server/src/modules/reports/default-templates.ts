import { ReportTemplateBody, type ReportKind, type ReportTemplateInput } from '@qingyuan/shared';

/** The built-in templates (version 0), used until the office saves its own. */
const ENFORCEMENT_SENTENCES: ReportTemplateInput['sections'][number]['sentences'] = [
  {
    clauses: [
      { indicator: 'cases.solved', details: ['cases.major', 'cases.supervised'], yoy: false },
      { indicator: 'seizures.grams', yoy: false },
      { indicator: 'suspects.caught', yoy: false },
    ],
  },
  { clauses: [{ indicator: 'fugitives.caught' }, { indicator: 'seizures.packets' }, { indicator: 'seizures.precursorKg' }] },
  { clauses: [{ indicator: 'assets.seized' }, { indicator: 'assets.confiscated' }] },
];

/** 查处吸毒人员 and the community supervision figures (社区戒毒社区康复). */
const SUPERVISION_SENTENCES: ReportTemplateInput['sections'][number]['sentences'] = [
  { clauses: [{ indicator: 'users.found' }, { indicator: 'compulsoryIsolation' }] },
  { clauses: [{ indicator: 'persons.current' }, { indicator: 'measures.communityTreatment' }, { indicator: 'measures.communityRehab' }] },
  { clauses: [{ indicator: 'supervision.executionRate' }, { indicator: 'supervision.testRate' }, { indicator: 'supervision.relapseRate' }] },
];

const ENFORCEMENT_TABLE = [
  'cases.filed', 'cases.solved', 'cases.major', 'cases.supervised', 'cases.gang', 'suspects.caught', 'suspects.arrested', 'fugitives.caught',
  'seizures.grams', 'seizures.packets', 'seizures.precursorKg', 'users.found', 'compulsoryIsolation', 'assets.seized', 'assets.confiscated',
];

const TEMPLATES: Record<ReportKind, ReportTemplateInput> = {
  bulletin: {
    title: '{单位}{期间}禁毒工作简报',
    sections: [
      { heading: '打击毒品违法犯罪', sentences: ENFORCEMENT_SENTENCES, chart: 'cases.solved' },
      { heading: '吸毒人员查处和社区戒毒（康复）', sentences: SUPERVISION_SENTENCES },
      { heading: '主要指标完成情况', table: ENFORCEMENT_TABLE },
    ],
  },
  summary: {
    title: '{单位}{期间}禁毒工作总结',
    sections: [
      { heading: '主要工作成效', intro: '', sentences: ENFORCEMENT_SENTENCES, chart: 'cases.solved' },
      { heading: '吸毒人员查处和社区戒毒（康复）', sentences: SUPERVISION_SENTENCES },
      { heading: '任务指标完成情况', table: ENFORCEMENT_TABLE, chart: 'seizures.grams' },
      { heading: '毒情形势', table: ['persons.current', 'persons.currentPer10k', 'supervision.executionRate', 'supervision.relapseRate', 'supervision.lostContact'], chart: 'persons.currentPer10k' },
      { heading: '存在的问题和下一步工作打算', intro: '（由禁毒办填写。）' },
    ],
  },
};

export function defaultTemplate(kind: ReportKind): ReportTemplateBody {
  return ReportTemplateBody.parse(TEMPLATES[kind]);
}
