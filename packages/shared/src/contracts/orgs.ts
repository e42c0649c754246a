import { z } from 'zod';
import { plainText } from './common.ts';
import { ORG_KINDS } from '../rules/org-units.ts';

export const OrgUnit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  divisionCode: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

const OrgName = plainText().min(1, '名称不能为空').max(100, '名称最多100个字符');
const DivisionCode = z.string().trim().regex(/^\d{6}(\d{6})?$/, '行政区划代码应为6位或12位数字');

export const CreateOrgUnit = z.object({
  parentId: z.uuid('上级单位编号格式不正确'),
  name: OrgName,
  kind: z.enum(ORG_KINDS, '类型不在允许范围内'),
  divisionCode: DivisionCode.nullish(),
});
export type CreateOrgUnit = z.infer<typeof CreateOrgUnit>;

export const UpdateOrgUnit = z
  .object({ name: OrgName.optional(), divisionCode: DivisionCode.nullish() })
  .refine((v) => v.name !== undefined || v.divisionCode !== undefined, { message: '没有要修改的内容', path: ['name'] });
export type UpdateOrgUnit = z.infer<typeof UpdateOrgUnit>;

/** A unit whose division code no longer fits its new parent must bring a new code (or null to clear it). */
export const MoveOrgUnit = z.object({ newParentId: z.uuid('新上级单位编号格式不正确'), divisionCode: DivisionCode.nullish() });
export type MoveOrgUnit = z.infer<typeof MoveOrgUnit>;

export const OrgListQuery = z.object({ includeInactive: z.enum(['true', 'false']).optional() });
