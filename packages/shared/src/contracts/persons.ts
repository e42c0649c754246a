import { z } from 'zod';
import { PageQuery, noteText, plainText } from './common.ts';
import { ETHNICITIES, PHONE_PATTERN } from '../rules/persons.ts';

/** The person registry (吸毒人员): identity, addresses, contacts, detections (查获) and relationships. */

export const PERSON_STATUSES = ['active', 'deceased', 'departed'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = { active: '在册', deceased: '已死亡', departed: '已迁出' };

export const SEXES = ['male', 'female'] as const;
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };

export const RELATIONSHIP_KINDS = ['family', 'coUser', 'supplier'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];
export const RELATIONSHIP_KIND_LABELS: Record<RelationshipKind, string> = { family: '家庭成员', coUser: '共同吸毒人员', supplier: '毒品来源（上家）' };
/** How a relationship reads from the related person's side. */
export const RELATIONSHIP_INVERSE_LABELS: Record<RelationshipKind, string> = { family: '家庭成员', coUser: '共同吸毒人员', supplier: '由其供毒（下家）' };

export const DETECTION_OUTCOMES = [
  'administrativeDetention', 'communityTreatment', 'compulsoryIsolation', 'criminalDetention', 'fine', 'warning', 'other',
] as const;
export type DetectionOutcome = (typeof DETECTION_OUTCOMES)[number];
export const DETECTION_OUTCOME_LABELS: Record<DetectionOutcome, string> = {
  administrativeDetention: '行政拘留',
  communityTreatment: '责令社区戒毒',
  compulsoryIsolation: '强制隔离戒毒',
  criminalDetention: '刑事拘留',
  fine: '罚款',
  warning: '警告',
  other: '其他',
};

/** The encrypted fields a full value can be revealed for (with a permission and a typed reason, audited). */
export const REVEAL_FIELDS = ['idNumber', 'phones', 'registeredAddress', 'residence', 'contacts'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];
export const REVEAL_FIELD_LABELS: Record<RevealField, string> = {
  idNumber: '身份证号',
  phones: '联系电话',
  registeredAddress: '户籍地址',
  residence: '现居住地址',
  contacts: '家庭联系人电话',
};

export const PersonName = plainText().min(1, '姓名不能为空').max(50, '姓名最多50个字符');
/** Checked against GB 11643 by the service (it needs today's date); here only its size. */
export const IdNumberText = plainText().min(1, '请输入身份证号').max(32, '身份证号应为18位');
export const Phone = plainText().regex(PHONE_PATTERN, '电话号码格式不正确（手机号11位，固定电话须带区号）');
const Phones = z
  .array(Phone)
  .max(5, '最多填写5个电话')
  .refine((list) => new Set(list).size === list.length, '电话号码重复');
const Address = plainText().max(200, '地址最多200个字符');
const Ethnicity = z.enum(ETHNICITIES, '民族不在列表中');
const Employment = plainText().max(100, '就业情况最多100个字符');
const Notes = noteText().max(1000, '备注最多1000个字符');
const OrgRef = z.uuid('单位编号格式不正确');

export const PersonContactInput = z.object({
  name: PersonName,
  relation: plainText().min(1, '请填写与本人的关系').max(20, '关系最多20个字符'),
  phone: Phone.optional(),
});
export type PersonContactInput = z.infer<typeof PersonContactInput>;
const Contacts = z.array(PersonContactInput).max(10, '最多填写10位家庭联系人');

/** Registration. Sex and birth date are not accepted: they are derived from the ID number, never typed twice. */
export const CreatePerson = z.object({
  name: PersonName,
  idNumber: IdNumberText,
  orgUnitId: z.uuid('责任单位编号格式不正确'),
  ethnicity: Ethnicity.optional(),
  phones: Phones.optional(),
  registeredAddress: Address.optional(),
  registeredOrgUnitId: OrgRef.optional(),
  residence: Address.optional(),
  residenceOrgUnitId: OrgRef.optional(),
  employment: Employment.optional(),
  notes: Notes.optional(),
  contacts: Contacts.optional(),
});
export type CreatePerson = z.infer<typeof CreatePerson>;

/** A partial edit (with `If-Match: <version>`); null clears an optional field, a list replaces the whole list. */
export const UpdatePerson = z
  .object({
    name: PersonName.optional(),
    idNumber: IdNumberText.optional(),
    orgUnitId: z.uuid('责任单位编号格式不正确').optional(),
    ethnicity: Ethnicity.nullish(),
    phones: Phones.optional(),
    registeredAddress: Address.nullish(),
    registeredOrgUnitId: OrgRef.nullish(),
    residence: Address.nullish(),
    residenceOrgUnitId: OrgRef.nullish(),
    employment: Employment.nullish(),
    notes: Notes.nullish(),
    contacts: Contacts.optional(),
    status: z.enum(PERSON_STATUSES, '状态不在允许范围内').optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容', path: ['name'] });
export type UpdatePerson = z.infer<typeof UpdatePerson>;

export const PersonListQuery = PageQuery.extend({
  /** An exact ID number (searched through the blind index) or part of a name. */
  q: plainText().max(50, '关键词最多50个字符').optional(),
  orgUnitId: z.uuid().optional(),
  status: z.enum(PERSON_STATUSES).optional(),
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;

const OrgRefDto = z.object({ id: z.uuid(), name: z.string() });

export const PersonListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(SEXES),
  age: z.number().int(),
  phonesMasked: z.array(z.string()),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  status: z.enum(PERSON_STATUSES),
  updatedAt: z.string(),
});
export type PersonListItem = z.infer<typeof PersonListItem>;

export const PersonContact = z.object({ id: z.uuid(), name: z.string(), relation: z.string(), phoneMasked: z.string().nullable() });
export type PersonContact = z.infer<typeof PersonContact>;

export const Substance = z.object({ code: z.string(), name: z.string(), category: z.string() });
export type Substance = z.infer<typeof Substance>;
export const SubstanceList = z.object({ items: z.array(Substance) });

export const Detection = z.object({
  id: z.uuid(),
  detectedOn: z.string(),
  agency: z.string(),
  substances: z.array(Substance.pick({ code: true, name: true })),
  outcome: z.enum(DETECTION_OUTCOMES),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type Detection = z.infer<typeof Detection>;

export const PersonRelationship = z.object({
  id: z.uuid(),
  kind: z.enum(RELATIONSHIP_KINDS),
  /** outgoing: this person → other (e.g. other is the supplier); incoming: recorded from the other's side. */
  direction: z.enum(['outgoing', 'incoming']),
  other: z.object({ id: z.uuid(), name: z.string(), idNumberMasked: z.string() }),
  notes: z.string().nullable(),
});
export type PersonRelationship = z.infer<typeof PersonRelationship>;

export const PersonDetail = PersonListItem.extend({
  ethnicity: z.string().nullable(),
  registeredAddressMasked: z.string().nullable(),
  registeredOrgUnit: OrgRefDto.nullable(),
  residenceMasked: z.string().nullable(),
  residenceOrgUnit: OrgRefDto.nullable(),
  employment: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  contacts: z.array(PersonContact),
  detections: z.array(Detection),
  relationships: z.array(PersonRelationship),
  /** A photo (照片) is on file: read through GET /api/persons/:id/photo. */
  hasPhoto: z.boolean(),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const CreateDetection = z.object({
  detectedOn: z.iso.date('查获日期格式不正确'),
  agency: plainText().min(1, '请填写查获单位').max(100, '查获单位最多100个字符'),
  substances: z
    .array(plainText().min(1, '毒品种类不能为空').max(32, '毒品种类不在目录中'))
    .min(1, '请至少选择一种毒品')
    .max(10, '最多选择10种毒品')
    .refine((list) => new Set(list).size === list.length, '毒品种类重复'),
  outcome: z.enum(DETECTION_OUTCOMES, '处理结果不在允许范围内'),
  notes: Notes.optional(),
});
export type CreateDetection = z.infer<typeof CreateDetection>;

export const CreateRelationship = z.object({
  relatedPersonId: z.uuid('关系人编号格式不正确'),
  kind: z.enum(RELATIONSHIP_KINDS, '关系类型不在允许范围内'),
  notes: Notes.optional(),
});
export type CreateRelationship = z.infer<typeof CreateRelationship>;

export const RevealRequest = z.object({
  field: z.enum(REVEAL_FIELDS, '查看项目不在允许范围内'),
  reason: plainText().min(5, '请填写查看原因（至少5个字）').max(200, '原因最多200个字符'),
});
export type RevealRequest = z.infer<typeof RevealRequest>;

export const RevealResult = z.discriminatedUnion('field', [
  z.object({ field: z.literal('idNumber'), value: z.string() }),
  z.object({ field: z.literal('phones'), value: z.array(z.string()) }),
  z.object({ field: z.literal('registeredAddress'), value: z.string().nullable() }),
  z.object({ field: z.literal('residence'), value: z.string().nullable() }),
  z.object({ field: z.literal('contacts'), value: z.array(z.object({ id: z.uuid(), name: z.string(), relation: z.string(), phone: z.string().nullable() })) }),
]);
export type RevealResult = z.infer<typeof RevealResult>;

export const Created = z.object({ id: z.uuid() });
export type Created = z.infer<typeof Created>;
