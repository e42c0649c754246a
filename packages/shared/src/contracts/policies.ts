import { z } from 'zod';
import { ROLES } from '../rules/roles.ts';

export const SecurityPolicy = z.object({
  passwordMinLength: z.number().int().min(10, '密码最小长度不能低于10位').max(64),
  passwordMaxAgeDays: z.number().int().min(1).max(365),
  passwordHistory: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(5).max(1440),
  idleMinutes: z.number().int().min(5).max(30, '会话空闲超时不能超过30分钟'),
  adminIdleMinutes: z.number().int().min(5).max(15, '管理员会话空闲超时不能超过15分钟'),
  absoluteHours: z.number().int().min(1).max(12, '会话最长不能超过12小时'),
  inactiveDisableDays: z.number().int().min(30).max(365),
  mfaRequiredRoles: z.array(z.enum(ROLES)),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 10,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleMinutes: 30,
  adminIdleMinutes: 15,
  absoluteHours: 12,
  inactiveDisableDays: 90,
  mfaRequiredRoles: [],
};
