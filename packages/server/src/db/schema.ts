import type { ColumnType, Generated } from 'kysely';

/** Row types of every table, for Kysely. Each table has one owning module (named in the comment). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** orgs */
export interface OrgUnitTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  kind: string;
  division_code: string | null;
  path: string;
  depth: number;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** users */
export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_unit_id: string;
  password_hash: string;
  password_changed_at: DefaultTimestamp;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  mfa_secret: string | null;
  mfa_enabled: Generated<boolean>;
  mfa_last_step: string | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface PasswordHistoryTable {
  user_id: string;
  password_hash: string;
  created_at: DefaultTimestamp;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

/** platform/auth */
export interface LoginThrottleTable {
  username_key: string;
  failed_count: Generated<number>;
  first_failed_at: Timestamp | null;
  locked_until: Timestamp | null;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  idle_minutes: number;
  client_ip: string | null;
}

export interface MfaChallengeTable {
  id_hash: string;
  user_id: string;
  expires_at: Timestamp;
  attempts: Generated<number>;
}

/** policies */
export interface SecurityPolicyTable {
  id: number;
  settings: string;
  updated_at: DefaultTimestamp;
}

/** platform/audit */
export interface AuditEventTable {
  seq: Generated<string>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  actor_org_unit_id: string | null;
  actor_roles: string;
  action: string;
  success: boolean;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  client_ip: string | null;
  reason: string | null;
  changes: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditAnchorTable {
  id: number;
  after_seq: string;
  hash: string;
}

/** persons */
type DateColumn = ColumnType<string, string, string>;

export interface SubstanceTable {
  code: string;
  name_zh: string;
  category: string;
  sort_order: number;
  active: Generated<boolean>;
}

export interface PersonTable {
  id: string;
  name: string;
  id_number_enc: string;
  id_hash: string;
  birth_date: DateColumn;
  sex: string;
  ethnicity: string | null;
  phones_enc: string | null;
  registered_address_enc: string | null;
  registered_org_unit_id: string | null;
  residence_address_enc: string | null;
  residence_org_unit_id: string | null;
  org_unit_id: string;
  org_path: string;
  employment: string | null;
  notes: string | null;
  status: Generated<string>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 照片 (0014): one per person; the image sealed as base64 text. */
export interface PersonPhotoTable {
  person_id: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content_enc: string;
  created_by: string | null;
  created_at: Date;
}

export interface PersonContactTable {
  id: string;
  person_id: string;
  position: number;
  name: string;
  relation: string;
  phone_enc: string | null;
  created_at: DefaultTimestamp;
}

export interface DetectionTable {
  id: string;
  person_id: string;
  detected_on: DateColumn;
  agency: string;
  outcome: string;
  notes: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  /** The 查处吸毒 record this detection was fed from (0007), or null for one typed on the person's page. */
  sanction_id: Generated<string | null>;
}

export interface DetectionSubstanceTable {
  detection_id: string;
  substance_code: string;
}

export interface PersonRelationshipTable {
  id: string;
  person_id: string;
  related_person_id: string;
  kind: string;
  notes: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

/** enforcement */
type Numeric = ColumnType<string, string, string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

export interface DrugCaseTable {
  id: string;
  case_number: string;
  type: string;
  level: string;
  supervision: string | null;
  gang: Generated<boolean>;
  network: Generated<boolean>;
  family: Generated<boolean>;
  filed_on: DateColumn;
  solved_on: DateColumn | null;
  prosecuted_on: DateColumn | null;
  handling_unit_id: string;
  org_unit_id: string;
  org_path: string;
  summary: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SuspectTable {
  id: string;
  case_id: string;
  name: string;
  id_number_enc: string | null;
  id_hash: string | null;
  person_id: string | null;
  role: string;
  caught_on: DateColumn | null;
  criminal_detention_on: DateColumn | null;
  arrested_on: DateColumn | null;
  prosecuted_on: DateColumn | null;
  wanted_level: string | null;
  notes: string | null;
  org_path: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SeizureTable {
  id: string;
  case_id: string;
  drug: string;
  grams: Numeric;
  packets: number | null;
  seized_on: DateColumn;
  place: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface PrecursorSeizureTable {
  id: string;
  case_id: string;
  chemical: string;
  kilograms: Numeric;
  seized_on: DateColumn;
  place: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DrugAssetTable {
  id: string;
  case_id: string;
  kind: string;
  amount_fen: Int8;
  description: string;
  recorded_on: DateColumn;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DrugUseSanctionTable {
  id: string;
  name: string;
  id_number_enc: string;
  id_hash: string;
  person_id: string | null;
  kind: string;
  decided_on: DateColumn;
  detention_days: number | null;
  fine_fen: Int8 | null;
  handling_unit_id: string;
  org_unit_id: string;
  org_path: string;
  case_id: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface EnforcementTargetTable {
  org_unit_id: string;
  org_path: string;
  year: number;
  quarter: Generated<number>;
  indicator: string;
  value: Numeric;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface MeasureTable {
  id: string;
  person_id: string;
  kind: string;
  decision_date: DateColumn;
  decision_received_date: DateColumn | null;
  deciding_agency: string;
  executing_org_unit_id: string;
  org_path: string;
  term_months: number | null;
  status: Generated<string>;
  report_in_date: DateColumn | null;
  justified_late_report: Generated<boolean>;
  agreement_signed_date: DateColumn | null;
  agreement_note: string | null;
  ended_on: DateColumn | null;
  end_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MeasureEventTable {
  id: string;
  measure_id: string;
  type: string;
  from_date: DateColumn;
  to_date: DateColumn | null;
  days: number | null;
  reason: string | null;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DrugTestTable {
  id: string;
  person_id: string;
  measure_id: string | null;
  tested_on: DateColumn;
  kind: string;
  setting: string;
  result_enc: string;
  tester: string | null;
  place: string | null;
  notes: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

// supervision work (0005): work teams, visits, leave records, assistance, attachments.
export interface WorkTeamMemberTable {
  id: string;
  person_id: string;
  role: string;
  account_id: string | null;
  contact_enc: string | null;
  started_on: DateColumn;
  ended_on: DateColumn | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface SupervisionVisitTable {
  id: string;
  person_id: string;
  visited_on: DateColumn;
  kind: string;
  place: string | null;
  visited_by: string;
  summary: string;
  findings: string | null;
  next_plan: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface LeaveRecordTable {
  id: string;
  person_id: string;
  kind: string;
  from_date: DateColumn;
  to_date: DateColumn;
  destination: string | null;
  reason: string | null;
  approved_by: string | null;
  returned_on: DateColumn | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AssistanceTable {
  id: string;
  person_id: string;
  kind: string;
  given_on: DateColumn;
  provider: string;
  amount_fen: number | null;
  notes: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AttachmentTable {
  id: string;
  person_id: string;
  owner_kind: string;
  owner_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

// Risk classification, serious-violation tasks, transfers (0006).
export interface RiskInstrumentTable {
  id: string;
  version: number;
  items: string;
  thresholds: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface RiskAssessmentTable {
  id: string;
  person_id: string;
  instrument_id: string;
  assessed_on: DateColumn;
  occasion: string;
  answers_enc: string;
  score: number;
  computed_level: string;
  level: string;
  override_reason: string | null;
  org_path: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface RiskTriggerTable {
  id: string;
  person_id: string;
  kind: string;
  source_id: string;
  occurred_on: DateColumn;
  created_at: DefaultTimestamp;
}

export interface ViolationTaskTable {
  id: string;
  person_id: string;
  measure_id: string;
  basis: string;
  reached_on: DateColumn;
  explanation: string;
  status: string;
  org_unit_id: string;
  org_path: string;
  reported_to_police_on: DateColumn | null;
  police_decision: string | null;
  outcome_note: string | null;
  dismiss_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: DefaultTimestamp;
  /** Migration 0019: withdrawn by the system when the basis no longer holds; a note on a completed one. */
  withdrawn_on: DateColumn | null;
  withdrawn_reason: string | null;
  basis_note: string | null;
}

export interface PersonTransferTable {
  id: string;
  person_id: string;
  from_org_unit_id: string;
  from_org_path: string;
  to_org_unit_id: string;
  to_org_path: string;
  reason: string;
  status: string;
  sent_on: DateColumn;
  sent_by: string | null;
  decided_on: DateColumn | null;
  decided_by: string | null;
  return_reason: string | null;
  note: string | null;
  /** 0016: the sender's reason for cancelling (status cancelled). */
  cancel_reason: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 0016: a notice to come for a drug test (通知检测); missed or not is computed (shared testNoticeStatus). */
export interface TestNoticeTable {
  id: string;
  person_id: string;
  notified_on: DateColumn;
  method: string;
  due_on: DateColumn;
  note: string | null;
  excuse: string | null;
  excused_on: DateColumn | null;
  excused_by: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface SchemaMigrationTable {
  version: string;
  applied_at: DefaultTimestamp;
}

export interface AbstinenceReviewTable {
  id: string;
  person_id: string;
  org_path: string;
  since: DateColumn;
  mark_date: DateColumn;
  evidence: string;
  status: Generated<string>;
  proposed_by: string | null;
  proposed_at: DefaultTimestamp;
  decided_by: string | null;
  decided_at: Date | null;
  decided_on: DateColumn | null;
  reason: string | null;
  version: Generated<number>;
  /** Migration 0019: 恢复管控 of an archived person (the approved review keeps when and why). */
  restored_on: DateColumn | null;
  restored_by: string | null;
  restore_reason: string | null;
}

/** alerts (0008): outbox, alerts, transitions, rule settings, SLA, partner feeds. */
export interface OutboxEventTable {
  id: Generated<string>;
  type: string;
  person_id: string | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: DefaultTimestamp;
  processed_at: Timestamp | null;
}

export interface AlertTable {
  id: string;
  rule_code: string;
  subject_key: string;
  level: string;
  status: Generated<string>;
  person_id: string | null;
  org_unit_id: string;
  org_path: string;
  inbox_org_unit_id: string;
  inbox_path: string;
  summary: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  raised_at: Timestamp;
  ack_due_at: Timestamp;
  resolve_due_at: Timestamp;
  overdue: Generated<boolean>;
  sla_breach: string | null;
  escalations: Generated<number>;
  assignee_id: string | null;
  outcome: string | null;
  outcome_note: string | null;
  closed_at: Timestamp | null;
  closed_reason: string | null;
  version: Generated<number>;
}

export interface AlertTransitionTable {
  id: Generated<string>;
  alert_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  at: Timestamp;
  note: string | null;
}

export interface AlertRuleSettingTable {
  rule_code: string;
  org_unit_id: string;
  org_path: string;
  enabled: boolean | null;
  params: ColumnType<Record<string, number>, string | undefined, string>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface AlertSlaTable {
  level: string;
  ack_minutes: number;
  resolve_minutes: number;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface FeedPartnerTable {
  id: string;
  name: string;
  kinds: string[];
  key_id: string;
  secret_enc: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  rotated_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface FeedEventTable {
  partner_id: string;
  event_id: string;
  alert_id: string | null;
  received_at: Timestamp;
}

export interface FeedDailyCountTable {
  partner_id: string;
  day: DateColumn;
  received: Generated<number>;
  matched: Generated<number>;
  unmatched: Generated<number>;
}

export interface ImportJobTable {
  id: string;
  kind: string;
  dry_run: boolean;
  status: Generated<string>;
  total_rows: Generated<number>;
  processed: Generated<number>;
  created_rows: Generated<number>;
  skipped_rows: Generated<number>;
  failed_rows: Generated<number>;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
}

export interface AreaProfileTable {
  org_unit_id: string;
  residents: number | null;
  /** AreaGeometry (jsonb). */
  geometry: unknown;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface SituationIndexConfigTable {
  version: number;
  /** IndexComponent[] (jsonb). */
  components: unknown;
  saved_by: string;
  saved_at: Generated<Date>;
}

export interface ReportTemplateTable {
  kind: string;
  version: number;
  /** ReportTemplateBody (jsonb). */
  body: unknown;
  saved_by: string;
  saved_at: Generated<Date>;
}

export interface IndicatorDataVersionTable {
  module: string;
  version: ColumnType<string, string | number, string | number>;
}

export interface IndicatorSnapshotTable {
  module: string;
  org_path: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  data_version: ColumnType<string, string | number, string | number>;
  computed_at: ColumnType<Date, Date, Date>;
  figures: ColumnType<unknown, string, string>;
}

export interface ReportJobTable {
  id: string;
  kind: string;
  org_unit_id: string;
  org_path: string;
  period: string;
  status: string;
  progress: Generated<number>;
  step: Generated<string>;
  file: Uint8Array | null;
  filename: string | null;
  size: number | null;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface SavedFilterTable {
  id: string;
  owner_id: string;
  org_unit_id: string;
  org_path: string;
  page: string;
  name: string;
  /** The filter's query (Record<string, string>), sealed. */
  query_enc: string;
  query_keys: string[];
  shared: Generated<boolean>;
  created_at: Date;
  updated_at: Date;
}

export interface Database {
  saved_filter: SavedFilterTable;
  report_template: ReportTemplateTable;
  report_job: ReportJobTable;
  indicator_data_version: IndicatorDataVersionTable;
  indicator_snapshot: IndicatorSnapshotTable;
  area_profile: AreaProfileTable;
  situation_index_config: SituationIndexConfigTable;
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  password_history: PasswordHistoryTable;
  recovery_code: RecoveryCodeTable;
  login_throttle: LoginThrottleTable;
  user_session: UserSessionTable;
  mfa_challenge: MfaChallengeTable;
  security_policy: SecurityPolicyTable;
  audit_event: AuditEventTable;
  audit_anchor: AuditAnchorTable;
  schema_migration: SchemaMigrationTable;
  substance: SubstanceTable;
  person: PersonTable;
  person_contact: PersonContactTable;
  person_photo: PersonPhotoTable;
  detection: DetectionTable;
  detection_substance: DetectionSubstanceTable;
  person_relationship: PersonRelationshipTable;
  drug_case: DrugCaseTable;
  suspect: SuspectTable;
  seizure: SeizureTable;
  precursor_seizure: PrecursorSeizureTable;
  drug_asset: DrugAssetTable;
  drug_use_sanction: DrugUseSanctionTable;
  enforcement_target: EnforcementTargetTable;
  measure: MeasureTable;
  measure_event: MeasureEventTable;
  import_job: ImportJobTable;
  drug_test: DrugTestTable;
  test_notice: TestNoticeTable;
  risk_instrument: RiskInstrumentTable;
  risk_assessment: RiskAssessmentTable;
  risk_trigger: RiskTriggerTable;
  violation_task: ViolationTaskTable;
  person_transfer: PersonTransferTable;
  outbox_event: OutboxEventTable;
  alert: AlertTable;
  alert_transition: AlertTransitionTable;
  alert_rule_setting: AlertRuleSettingTable;
  alert_sla: AlertSlaTable;
  feed_partner: FeedPartnerTable;
  feed_event: FeedEventTable;
  feed_daily_count: FeedDailyCountTable;
  work_team_member: WorkTeamMemberTable;
  supervision_visit: SupervisionVisitTable;
  leave_record: LeaveRecordTable;
  assistance: AssistanceTable;
  attachment: AttachmentTable;
  abstinence_review: AbstinenceReviewTable;
  test_policy: TestPolicyTable;
  measure_due: MeasureDueTable;
  measure_due_refresh: MeasureDueRefreshTable;
}

/** A unit's test schedule (检测频次), inherited by its subtree (0020). */
export interface TestPolicyTable {
  org_unit_id: string;
  year1_months_between: number;
  year2_months_between: number;
  year3_months_between: number;
  min_months_between: number;
  risk_high: number;
  risk_medium: number;
  risk_low: number;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

/** Stored due dates of an open community measure for one China day (0021); see modules/supervision/measure-due.ts. */
export interface MeasureDueTable {
  measure_id: string;
  person_id: string;
  org_path: string;
  kind: string;
  status: string;
  report_in_due: DateColumn | null;
  report_in_rule: string | null;
  report_in_explanation: string | null;
  term_end: DateColumn | null;
  term_end_rule: string | null;
  term_end_explanation: string | null;
  next_test_due: DateColumn | null;
  next_test_rule: string | null;
  next_test_explanation: string | null;
  test_state: string | null;
  computed_on: DateColumn;
}

/** The last complete daily refresh of measure_due (0021, one row). */
export interface MeasureDueRefreshTable {
  id: number;
  day: DateColumn;
  rows: number;
  finished_at: Date;
}
