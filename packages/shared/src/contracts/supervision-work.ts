import { z } from 'zod';
import { noteText, plainText } from './common.ts';
import { Phone } from './persons.ts';
import { ATTACHMENT_MAX_BYTES, LEAVE_KINDS } from '../rules/supervision-work.ts';

/** Supervision work: work teams (工作小组), visits and talks (走访谈话), leave records (请假外出), assistance (帮扶救助), attachments. */

const Day = (label: string) => z.iso.date(`${label}格式不正确（YYYY-MM-DD）`);
const Text = (label: string, max: number) => plainText().max(max, `${label}最多${String(max)}个字符`);
const Note = (label: string, max: number) => noteText().max(max, `${label}最多${String(max)}个字符`);

export const TEAM_ROLES = ['socialWorker', 'policeOfficer', 'gridWorker', 'family'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = { socialWorker: '社工', policeOfficer: '民警', gridWorker: '网格员', family: '家属' };

export const AddTeamMember = z.object({
  teamRole: z.enum(TEAM_ROLES, '成员角色不在允许范围内'),
  /** A social worker: an account holding the worker role. */
  accountId: z.uuid('账号编号格式不正确').optional(),
  name: Text('姓名', 50).min(1, '姓名不能为空').optional(),
  relation: Text('关系', 20).min(1, '请填写与本人的关系').optional(),
  phone: Phone.optional(),
  startedOn: Day('加入日期'),
});
export type AddTeamMember = z.infer<typeof AddTeamMember>;

export const EndTeamMember = z.object({ endedOn: Day('退出日期') });
export type EndTeamMember = z.infer<typeof EndTeamMember>;

export const TeamMemberDto = z.object({
  id: z.uuid(),
  teamRole: z.enum(TEAM_ROLES),
  account: z.object({ id: z.uuid(), displayName: z.string(), username: z.string() }).nullable(),
  name: z.string(),
  relation: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  current: z.boolean(),
});
export type TeamMemberDto = z.infer<typeof TeamMemberDto>;
export const TeamMemberList = z.object({ items: z.array(TeamMemberDto) });
/** Worker accounts (社工) in the caller's subtree that can join a work team. */
export const WorkerAccount = z.object({ id: z.uuid(), displayName: z.string(), username: z.string(), orgUnitName: z.string() });
export type WorkerAccount = z.infer<typeof WorkerAccount>;
export const WorkerAccountList = z.object({ items: z.array(WorkerAccount) });

export const VISIT_KINDS = ['homeVisit', 'talk', 'phone', 'video'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, string> = { homeVisit: '入户走访', talk: '谈话', phone: '电话', video: '视频' };

export const CreateVisit = z.object({
  visitedOn: Day('走访日期'),
  kind: z.enum(VISIT_KINDS, '走访方式不在允许范围内'),
  place: Text('地点', 100).optional(),
  /** Defaults to the caller's account. */
  visitedBy: z.uuid('走访人编号格式不正确').optional(),
  content: Note('内容摘要', 2000).min(1, '请填写内容摘要'),
  findings: Note('发现情况', 2000).optional(),
  nextPlan: Note('下一步计划', 1000).optional(),
});
export type CreateVisit = z.infer<typeof CreateVisit>;

export const VisitDto = z.object({
  id: z.uuid(),
  visitedOn: z.string(),
  kind: z.enum(VISIT_KINDS),
  place: z.string().nullable(),
  visitedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  content: z.string(),
  findings: z.string().nullable(),
  nextPlan: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitDto = z.infer<typeof VisitDto>;
export const VisitList = z.object({ items: z.array(VisitDto), lastContactDate: z.string().nullable() });

export const LEAVE_KIND_LABELS: Record<(typeof LEAVE_KINDS)[number], string> = { leave: '请假外出（书面报告）', absence: '未经批准离开' };

export const CreateLeave = z.object({
  kind: z.enum(LEAVE_KINDS, '类型不在允许范围内'),
  from: Day('离开日期'),
  to: Day('返回日期'),
  destination: Text('目的地', 100).optional(),
  reason: Note('事由', 500).optional(),
  approvedBy: Text('批准人', 50).optional(),
  returnedOn: Day('实际返回日期').optional(),
});
export type CreateLeave = z.infer<typeof CreateLeave>;

export const RecordReturn = z.object({ returnedOn: Day('实际返回日期') });
export type RecordReturn = z.infer<typeof RecordReturn>;

export const LeaveDto = z.object({
  id: z.uuid(),
  kind: z.enum(LEAVE_KINDS),
  from: z.string(),
  to: z.string(),
  destination: z.string().nullable(),
  reason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  returnedOn: z.string().nullable(),
  days: z.number().int(),
  reportRequired: z.boolean(),
  rule: z.string(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  createdAt: z.string(),
});
export type LeaveDto = z.infer<typeof LeaveDto>;
export const LeaveList = z.object({ items: z.array(LeaveDto) });

export const ASSISTANCE_KINDS = ['employment', 'minimumLiving', 'medical', 'training', 'schooling', 'other'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];
export const ASSISTANCE_KIND_LABELS: Record<AssistanceKind, string> = {
  employment: '就业安置（阳光工程）', minimumLiving: '最低生活保障（低保）', medical: '医疗救助', training: '技能培训', schooling: '就学帮扶', other: '其他',
};

export const CreateAssistance = z.object({
  kind: z.enum(ASSISTANCE_KINDS, '帮扶类型不在允许范围内'),
  givenOn: Day('帮扶日期'),
  provider: Text('帮扶单位', 100).min(1, '请填写帮扶单位'),
  amountFen: z.number('金额应为整数（分）').int('金额应为整数（分）').min(0, '金额不能为负').max(100_000_000, '金额最多100万元').optional(),
  notes: Note('备注', 1000).optional(),
});
export type CreateAssistance = z.infer<typeof CreateAssistance>;

export const AttachmentDto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AttachmentDto = z.infer<typeof AttachmentDto>;
export const AttachmentList = z.object({ items: z.array(AttachmentDto) });

export const AssistanceDto = z.object({
  id: z.uuid(),
  kind: z.enum(ASSISTANCE_KINDS),
  givenOn: z.string(),
  provider: z.string(),
  amountFen: z.number().int().nullable(),
  notes: z.string().nullable(),
  attachments: z.array(AttachmentDto),
  createdAt: z.string(),
});
export type AssistanceDto = z.infer<typeof AssistanceDto>;
export const AssistanceList = z.object({ items: z.array(AssistanceDto) });

/** base64 of at most 10 MB (ceil(10 MB / 3) * 4 characters); the decoded size and type are checked by the server. */
export const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;
const FileName = Text('文件名', 200)
  .min(1, '请填写文件名')
  .refine((v) => !/[\\/]/.test(v), '文件名不能包含路径分隔符');

/** An upload as JSON: the file's bytes in base64 (docs/api.md). */
export const UploadAttachment = z.object({
  fileName: FileName,
  contentBase64: z.base64('文件内容应为 base64 文本').min(1, '文件内容不能为空').max(ATTACHMENT_MAX_BASE64 + 8, '附件不能超过10MB'),
});
export type UploadAttachment = z.infer<typeof UploadAttachment>;
