import {
  AlertOutlined,
  ApiOutlined,
  BellOutlined,
  ControlOutlined,
  ApartmentOutlined,
  ProfileOutlined,
  SwapOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  DashboardOutlined,
  LineChartOutlined,
  SolutionOutlined,
  HomeOutlined,
  ScheduleOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '@qingyuan/shared';

/** A page of the main layout: `access` is the permission a user needs to see it (menu and direct URL). */
export interface AppRoute {
  path: string;
  label: string;
  icon: ReactNode;
  access: Permission;
  page: LazyExoticComponent<ComponentType>;
  /** false: a page reached from another page (a record, a form), not listed in the menu. */
  menu?: false;
}

const WorkbenchPage = lazy(() => import('../modules/account/index.ts').then((m) => ({ default: m.WorkbenchPage })));
const OrgTreePage = lazy(() => import('../modules/orgs/index.ts').then((m) => ({ default: m.OrgTreePage })));
const UsersPage = lazy(() => import('../modules/users/index.ts').then((m) => ({ default: m.UsersPage })));
const PoliciesPage = lazy(() => import('../modules/policies/index.ts').then((m) => ({ default: m.PoliciesPage })));
const AuditPage = lazy(() => import('../modules/audit/index.ts').then((m) => ({ default: m.AuditPage })));
const PersonsPage = lazy(() => import('../modules/persons/index.ts').then((m) => ({ default: m.PersonsPage })));
const RegisterPersonPage = lazy(() => import('../modules/persons/index.ts').then((m) => ({ default: m.RegisterPersonPage })));
const PersonPage = lazy(() => import('../modules/persons/index.ts').then((m) => ({ default: m.PersonPage })));
const WorklistPage = lazy(() => import('../modules/supervision/index.ts').then((m) => ({ default: m.WorklistPage })));
const TestPoliciesPage = lazy(() => import('../modules/supervision/index.ts').then((m) => ({ default: m.TestPoliciesPage })));
const CasesPage = lazy(() => import('../modules/enforcement/index.ts').then((m) => ({ default: m.CasesPage })));
const RegisterCasePage = lazy(() => import('../modules/enforcement/index.ts').then((m) => ({ default: m.RegisterCasePage })));
const CasePage = lazy(() => import('../modules/enforcement/index.ts').then((m) => ({ default: m.CasePage })));
const SanctionsPage = lazy(() => import('../modules/enforcement/index.ts').then((m) => ({ default: m.SanctionsPage })));
const FiguresPage = lazy(() => import('../modules/enforcement/index.ts').then((m) => ({ default: m.FiguresPage })));
const SupervisionFiguresPage = lazy(() => import('../modules/supervision-figures/index.ts').then((m) => ({ default: m.SupervisionFiguresPage })));
const AbstinencePage = lazy(() => import('../modules/abstinence/index.ts').then((m) => ({ default: m.AbstinencePage })));
const DashboardPage = lazy(() => import('../modules/dashboard/index.ts').then((m) => ({ default: m.DashboardPage })));
const IndicatorExplorerPage = lazy(() => import('../modules/dashboard/index.ts').then((m) => ({ default: m.IndicatorExplorerPage })));
const ReportsPage = lazy(() => import('../modules/reports/index.ts').then((m) => ({ default: m.ReportsPage })));
const TransfersPage = lazy(() => import('../modules/transfers/index.ts').then((m) => ({ default: m.TransfersPage })));
const ViolationTasksPage = lazy(() => import('../modules/risk/index.ts').then((m) => ({ default: m.ViolationTasksPage })));
const RiskInstrumentPage = lazy(() => import('../modules/risk/index.ts').then((m) => ({ default: m.RiskInstrumentPage })));
const AlertsPage = lazy(() => import('../modules/alerts/index.ts').then((m) => ({ default: m.AlertsPage })));
const AlertRulesPage = lazy(() => import('../modules/alerts/index.ts').then((m) => ({ default: m.AlertRulesPage })));
const PartnersPage = lazy(() => import('../modules/alerts/index.ts').then((m) => ({ default: m.PartnersPage })));
const AccountPage = lazy(() => import('../modules/account/index.ts').then((m) => ({ default: m.AccountPage })));

export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined />, access: 'account.self', page: WorkbenchPage },
  { path: '/persons', label: '人员管理', icon: <IdcardOutlined />, access: 'persons.read', page: PersonsPage },
  { path: '/persons/new', label: '登记人员', icon: <IdcardOutlined />, access: 'persons.write', page: RegisterPersonPage, menu: false },
  { path: '/persons/:id', label: '人员详情', icon: <IdcardOutlined />, access: 'persons.read', page: PersonPage, menu: false },
  { path: '/alerts', label: '预警中心', icon: <BellOutlined />, access: 'alerts.read', page: AlertsPage },
  { path: '/alerts/rules', label: '预警规则', icon: <ControlOutlined />, access: 'alerts.manage', page: AlertRulesPage },
  { path: '/alerts/partners', label: '联网单位', icon: <ApiOutlined />, access: 'alerts.manage', page: PartnersPage },
  { path: '/supervision/test-policies', label: '检测频次设置', icon: <ControlOutlined />, access: 'alerts.manage', page: TestPoliciesPage },
  { path: '/worklist', label: '工作清单', icon: <ScheduleOutlined />, access: 'supervision.read', page: WorklistPage },
  { path: '/supervision/figures', label: '管控统计', icon: <BarChartOutlined />, access: 'supervision.read', page: SupervisionFiguresPage },
  { path: '/abstinence', label: '戒断三年未复吸', icon: <SafetyCertificateOutlined />, access: 'supervision.read', page: AbstinencePage },
  { path: '/transfers', label: '移交管理', icon: <SwapOutlined />, access: 'supervision.read', page: TransfersPage },
  { path: '/violation-tasks', label: '严重违反任务', icon: <AlertOutlined />, access: 'supervision.read', page: ViolationTasksPage },
  { path: '/risk/instrument', label: '风险评估表', icon: <ProfileOutlined />, access: 'risk.configure', page: RiskInstrumentPage },
  { path: '/cases', label: '缉毒执法', icon: <FileSearchOutlined />, access: 'enforcement.read', page: CasesPage },
  { path: '/cases/new', label: '登记案件', icon: <FileSearchOutlined />, access: 'enforcement.write', page: RegisterCasePage, menu: false },
  { path: '/cases/:id', label: '案件详情', icon: <FileSearchOutlined />, access: 'enforcement.read', page: CasePage, menu: false },
  { path: '/enforcement/sanctions', label: '查处吸毒', icon: <SolutionOutlined />, access: 'enforcement.read', page: SanctionsPage },
  { path: '/enforcement/figures', label: '任务指标统计', icon: <BarChartOutlined />, access: 'enforcement.read', page: FiguresPage },
  { path: '/dashboard', label: '数据看板', icon: <DashboardOutlined />, access: 'reports.read', page: DashboardPage },
  { path: '/indicators', label: '指标查询', icon: <LineChartOutlined />, access: 'reports.read', page: IndicatorExplorerPage },
  { path: '/reports', label: '工作简报', icon: <FileTextOutlined />, access: 'reports.read', page: ReportsPage },
  { path: '/orgs', label: '组织机构', icon: <ApartmentOutlined />, access: 'orgs.read', page: OrgTreePage },
  { path: '/users', label: '账号管理', icon: <TeamOutlined />, access: 'users.read', page: UsersPage },
  { path: '/policies', label: '安全策略', icon: <SafetyCertificateOutlined />, access: 'policies.read', page: PoliciesPage },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, access: 'audit.read', page: AuditPage },
  { path: '/account', label: '我的账号', icon: <UserOutlined />, access: 'account.self', page: AccountPage },
];

/** The only page reachable while the account must still enrol a second factor. */
export const MFA_ENROLL_PATH = '/account';
export const PASSWORD_CHANGE_PATH = '/password-change';
