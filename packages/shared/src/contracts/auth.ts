import { z } from 'zod';
import { plainText } from './common.ts';
import { PERMISSIONS, ROLES } from '../rules/roles.ts';

export const Username = z
  .string()
  .trim()
  .min(3, '用户名至少3个字符')
  .max(64, '用户名最多64个字符')
  .regex(/^[A-Za-z0-9._-]+$/, '用户名只能包含字母、数字、点、下划线和连字符');

export const LoginRequest = z.object({
  username: plainText().min(1, '请输入用户名').max(64, '用户名最多64个字符'),
  password: z.string().min(1, '请输入密码').max(1024, '密码过长'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  mfaEnrollRequired: z.boolean(),
  sessionExpiresAt: z.string(),
});
export type Me = z.infer<typeof Me>;

/** Either a session was created, or the second factor is still needed (no session yet). */
export const LoginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), me: Me }),
  z.object({ status: z.literal('mfa_required'), challenge: z.string() }),
]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MfaLoginRequest = z.object({
  challenge: z.string().min(1).max(200),
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/, '请输入6位动态验证码或恢复码'),
});
export type MfaLoginRequest = z.infer<typeof MfaLoginRequest>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(1024),
  newPassword: z.string().min(1, '请输入新密码').max(1024, '密码过长'),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TotpEnrollment = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpEnrollment = z.infer<typeof TotpEnrollment>;

export const TotpConfirmRequest = z.object({ code: z.string().trim().regex(/^\d{6}$/, '请输入6位动态验证码') });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const TotpDisableRequest = z.object({ password: z.string().min(1, '请输入密码').max(1024) });
