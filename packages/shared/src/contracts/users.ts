import { z } from 'zod';
import { plainText } from './common.ts';
import { ROLES } from '../rules/roles.ts';
import { Username } from './auth.ts';

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

const DisplayName = plainText().min(1, '姓名不能为空').max(50, '姓名最多50个字符');

export const CreateUser = z.object({
  username: Username,
  displayName: DisplayName,
  orgUnitId: z.uuid('所属单位编号格式不正确'),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .object({ displayName: DisplayName.optional(), orgUnitId: z.uuid('所属单位编号格式不正确').optional(), active: z.boolean().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容', path: ['displayName'] });
export type UpdateUser = z.infer<typeof UpdateUser>;

/** The one-time password shown to the administrator; the user must change it at first login. */
export const TemporaryPassword = z.object({ id: z.uuid(), temporaryPassword: z.string() });
export type TemporaryPassword = z.infer<typeof TemporaryPassword>;

export const SetRoles = z.object({ roles: z.array(z.enum(ROLES, '角色不在允许范围内')).max(ROLES.length) });
export type SetRoles = z.infer<typeof SetRoles>;

export const UserListQuery = z.object({
  q: plainText().max(64).optional(),
  orgUnitId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
