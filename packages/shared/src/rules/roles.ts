/** Roles of PLATFORM.md and the permissions each one holds. Kept as data: the route × role matrix is derived from it. */
export const ROLES = [
  'office',
  'township',
  'worker',
  'police',
  'department',
  'enterprise',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** 三员: separated duties; an account holds at most one of them and no business role beside it. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  office: '禁毒办',
  township: '乡镇/街道禁毒专干',
  worker: '社工/网格员',
  police: '公安禁毒',
  department: '成员单位',
  enterprise: '企业',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
};

export const PERMISSIONS = [
  'account.self',
  'orgs.read',
  'orgs.write',
  'users.read',
  'users.write',
  'users.grant',
  'policies.read',
  'policies.write',
  'audit.read',
  'persons.read',
  'persons.write',
  'persons.reveal',
  'enforcement.read',
  'enforcement.write',
  'enforcement.reveal',
  'targets.write',
  'supervision.read',
  'supervision.write',
  'risk.configure',
  'transfers.write',
  'alerts.read',
  'alerts.write',
  'alerts.manage',
  'abstinence.approve',
  'archive.read',
  'reports.read',
  'reports.configure',
  'areas.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'account.self': '本人账号',
  'orgs.read': '查看组织机构',
  'orgs.write': '维护组织机构',
  'users.read': '查看账号',
  'users.write': '维护账号',
  'users.grant': '分配角色',
  'policies.read': '查看安全策略',
  'policies.write': '修改安全策略',
  'audit.read': '查阅审计日志',
  'persons.read': '查看吸毒人员',
  'persons.write': '登记和维护吸毒人员',
  'persons.reveal': '查看完整身份信息（须填写原因）',
  'enforcement.read': '查看缉毒执法案件和统计',
  'enforcement.write': '登记缉毒执法案件',
  'enforcement.reveal': '查看犯罪嫌疑人完整身份证号（须填写原因）',
  'targets.write': '下达任务指标',
  'supervision.read': '查看社区戒毒（康复）管控措施、检测和工作清单',
  'supervision.write': '登记管控措施、报到和检测',
  'risk.configure': '配置风险分类评估表',
  'transfers.write': '移交、接收和退回人员',
  'abstinence.approve': '审核戒断三年未复吸（批准后转入限制查阅档案）',
  'archive.read': '查阅限制查阅档案（戒断三年未复吸人员，逐次审计）',
  'alerts.read': '查看预警',
  'alerts.write': '签收、指派和处置预警',
  'alerts.manage': '设置预警规则、处置时限和特殊行业联网单位',
  'reports.read': '生成工作简报和工作总结',
  'reports.configure': '编辑简报和总结模板',
  'areas.configure': '维护辖区常住人口和地图边界',
};

const BUSINESS_READ: Permission[] = ['account.self', 'orgs.read'];
// Member departments and enterprises never see the registry (purpose-bound views, SECURITY.md §8); workers see
// masked identities only: revealing a full ID number or phone is for office, township and police, with a reason.
const PERSONS_WORK: Permission[] = ['persons.read', 'persons.write'];
// Supervision (管控措施、检测): office, townships and workers do the work; police read; departments never (purpose-bound).
const SUPERVISION_WORK: Permission[] = ['supervision.read', 'supervision.write'];
// Enforcement: police and the office record cases; townships read those in their area; targets are the office's.
const ENFORCEMENT_WORK: Permission[] = ['enforcement.read', 'enforcement.write', 'enforcement.reveal'];
// Alerts (预警): whoever supervises persons works the inbox of their unit; rules, SLA and partner feeds are the office's.
const ALERTS_WORK: Permission[] = ['alerts.read', 'alerts.write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // 戒断三年未复吸 is approved by the office only; only the office reads the restricted archive (SECURITY.md §18).
  office: [...BUSINESS_READ, 'orgs.write', ...PERSONS_WORK, 'persons.reveal', ...ENFORCEMENT_WORK, 'targets.write', ...SUPERVISION_WORK, ...ALERTS_WORK, 'alerts.manage', 'abstinence.approve', 'archive.read', 'risk.configure', 'transfers.write', 'reports.read', 'reports.configure', 'areas.configure'],
  township: [...BUSINESS_READ, 'orgs.write', ...PERSONS_WORK, 'persons.reveal', 'enforcement.read', ...SUPERVISION_WORK, ...ALERTS_WORK, 'transfers.write', 'reports.read'],
  worker: [...BUSINESS_READ, ...PERSONS_WORK, ...SUPERVISION_WORK, ...ALERTS_WORK],
  police: [...BUSINESS_READ, ...PERSONS_WORK, 'persons.reveal', ...ENFORCEMENT_WORK, 'supervision.read', 'alerts.read'],
  department: BUSINESS_READ,
  enterprise: ['account.self'],
  sysadmin: ['account.self', 'orgs.read', 'orgs.write', 'users.read', 'users.write'],
  secadmin: ['account.self', 'orgs.read', 'users.read', 'users.grant', 'policies.read', 'policies.write'],
  auditor: ['account.self', 'audit.read'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

/** Returns a Chinese problem with a role combination, or null when it is allowed. */
export function roleCombinationProblem(roles: readonly Role[]): string | null {
  const unique = [...new Set(roles)];
  const admin = unique.filter(isAdminRole);
  if (admin.length > 1) return '系统管理员、安全管理员、安全审计员三员分立，不能由同一账号兼任';
  if (admin.length === 1 && unique.length > 1) return '三员账号不能同时持有业务角色';
  return null;
}
