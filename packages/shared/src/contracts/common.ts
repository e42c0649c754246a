import { z } from 'zod';

export const MAX_PAGE_SIZE = 200;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * A trimmed single-line text field. PostgreSQL text cannot hold U+0000 and control characters have no place
 * in names or search terms: every user-typed string in the contracts starts here (else they would reach SQL).
 */
export function plainText(): z.ZodString {
  return z.string().trim().refine((v) => !CONTROL_CHARACTERS.test(v), '不能包含控制字符');
}

// eslint-disable-next-line no-control-regex -- as above, but a note may span lines and carry tabs
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Like plainText(), for free notes typed in a text area: line breaks and tabs are allowed, other control characters not. */
export function noteText(): z.ZodString {
  return z.string().trim().refine((v) => !CONTROL_CHARACTERS_BUT_LINES.test(v), '不能包含控制字符');
}

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const IdParams = z.object({ id: z.uuid() });

/** A statistics year in a query string (2000–2100). */
export const YearParam = z.coerce.number('年度应为整数').int('年度应为整数').min(2000, '年度应在2000至2100之间').max(2100, '年度应在2000至2100之间');
/** A quarter in a query string (1–4). */
export const QuarterParam = z.coerce.number('季度应为1至4').int('季度应为1至4').min(1, '季度应为1至4').max(4, '季度应为1至4');

export const ProblemField = z.object({ field: z.string(), message: z.string() });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(ProblemField).optional(),
  requestId: z.string().optional(),
  /** A duplicate's existing record, when it lies in the caller's scope (e.g. a person registered twice). */
  existingId: z.string().optional(),
  /** A duplicate ID number of an archived person: told to archive readers only, who may restore the person (恢复管控). */
  archivedId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });

/** Chinese labels of request fields, used to name the field in validation errors. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  code: '验证码',
  challenge: '登录凭据',
  displayName: '姓名',
  orgUnitId: '所属单位',
  parentId: '上级单位',
  newParentId: '新上级单位',
  name: '名称',
  kind: '类型',
  divisionCode: '行政区划代码',
  roles: '角色',
  active: '状态',
  page: '页码',
  pageSize: '每页条数',
  id: '编号',
  reason: '原因',
  requireMfa: '双因素认证要求',
  from: '开始时间',
  to: '结束时间',
  actor: '操作人',
  entityType: '对象类型',
  entityId: '对象编号',
  action: '操作',
  idNumber: '身份证号',
  ethnicity: '民族',
  phones: '联系电话',
  phone: '电话',
  registeredAddress: '户籍地址',
  registeredOrgUnitId: '户籍地单位',
  residence: '现居住地址',
  residenceOrgUnitId: '现居住地单位',
  employment: '就业情况',
  notes: '备注',
  contacts: '家庭联系人',
  relation: '关系',
  status: '状态',
  detectedOn: '查获日期',
  agency: '查获单位',
  substances: '毒品种类',
  outcome: '处理结果',
  relatedPersonId: '关系人',
  field: '查看项目',
  q: '关键词',
  'if-match': '版本号',
  // supervision
  decision: '审核结论',
  personId: '人员',
  decisionDate: '决定日期',
  decisionReceivedDate: '收到决定书日期',
  decidingAgency: '决定机关',
  executingOrgUnitId: '执行单位',
  termMonths: '期限（月）',
  reportedOn: '报到日期',
  agreementSigned: '签订协议',
  note: '备注',
  testedOn: '检测日期',
  setting: '检测场所',
  result: '检测结果',
  tester: '检测人',
  measureId: '管控措施',
  days: '天数',
  list: '清单',
  // supervision work
  teamRole: '成员角色',
  accountId: '社工账号',
  content: '内容摘要',
  startedOn: '加入日期',
  endedOn: '退出日期',
  visitedOn: '走访日期',
  visitedBy: '走访人',
  findings: '发现情况',
  nextPlan: '下一步计划',
  destination: '目的地',
  approvedBy: '批准人',
  returnedOn: '实际返回日期',
  givenOn: '帮扶日期',
  provider: '帮扶单位',
  amountFen: '金额（分）',
  fileName: '文件名',
  contentBase64: '文件内容',
  // enforcement
  caseNumber: '案件编号',
  type: '类型',
  level: '案件等级',
  supervision: '督办级别',
  gang: '团伙案件',
  network: '网络案件',
  family: '家族式案件',
  filedAt: '立案日期',
  solvedAt: '破案日期',
  prosecutedAt: '起诉日期',
  handlingUnitId: '办案单位',
  summary: '简要案情',
  role: '涉案角色',
  caughtAt: '抓获日期',
  criminalDetentionAt: '刑事拘留日期',
  arrestedAt: '逮捕日期',
  wantedLevel: '逃犯等级',
  suspectId: '犯罪嫌疑人',
  drug: '毒品种类',
  grams: '重量（克）',
  packets: '零包数',
  seizedAt: '缴获日期',
  place: '地点',
  chemical: '制毒物品名称',
  kilograms: '重量（千克）',
  amount: '金额（元）',
  description: '说明',
  recordedAt: '登记日期',
  decidedAt: '决定日期',
  detentionDays: '拘留天数',
  fineAmount: '罚款金额（元）',
  caseId: '关联案件',
  year: '年度',
  quarter: '季度',
  indicator: '指标',
  value: '任务数',
  compare: '对比期',
  // imports
  file: '文件',
  jobId: '导入任务编号',
  dryRun: '仅校验',
  // alerts
  assigneeId: '指派给',
  ids: '预警',
  enabled: '启用',
  params: '规则参数',
  ackMinutes: '签收时限（分钟）',
  resolveMinutes: '处置时限（分钟）',
  kinds: '数据类别',
  rule: '预警规则',
  // risk assessment, serious-violation tasks, transfers (issue 3)
  instrumentVersion: '评估表版本',
  answers: '评估答案',
  override: '调整后的风险等级',
  assessedOn: '评估日期',
  thresholds: '分数线',
  high: '高风险分数线',
  medium: '中风险分数线',
  options: '选项',
  score: '分值',
  toOrgUnitId: '接收单位',
  returnReason: '退回原因',
  acceptedOn: '接收日期',
  reportedToPoliceOn: '报告公安机关日期',
  policeDecision: '公安机关决定',
};
