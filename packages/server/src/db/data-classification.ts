/**
 * Classification of every column of every table (SECURITY.md §17). A column holding personal data says its
 * level, purpose, retention and how it is masked; the test `data-classification.test.ts` fails when a column in
 * the database is missing here (or listed here but gone), so a new column cannot land unclassified.
 */
export type Sensitivity =
  /** Not about a person. */
  | 'none'
  /** Identifies a staff member or an account (names, usernames, IPs in logs). */
  | 'staff'
  /** Personal data of a registered person or informant: encrypted at rest, masked on screen. */
  | 'personal'
  /** Secret material (hashes, keys, tokens): never shown, never exported. */
  | 'secret';

export interface ColumnClass {
  sensitivity: Sensitivity;
  /** Why it is kept (Chinese, for the data inventory). */
  purpose?: string;
  /** How long it is kept when it differs from the record's own life. */
  retention?: string;
  /** How it is shown by default. */
  masking?: 'mask' | 'hidden' | 'none';
}

const none: ColumnClass = { sensitivity: 'none' };
const secret = (purpose: string): ColumnClass => ({ sensitivity: 'secret', purpose, masking: 'hidden' });
const personal = (purpose: string): ColumnClass => ({ sensitivity: 'personal', purpose, masking: 'mask' });
const staff = (purpose: string, retention?: string): ColumnClass => ({ sensitivity: 'staff', purpose, masking: 'none', ...(retention ? { retention } : {}) });

export const DATA_CLASSIFICATION: Record<string, Record<string, ColumnClass>> = {
  schema_migration: { version: none, applied_at: none },
  area_profile: { org_unit_id: none, residents: none, geometry: none, updated_by: staff('最近修改人'), updated_at: none },
  situation_index_config: { version: none, components: none, saved_by: staff('配置修改人'), saved_at: none },
  // 常用筛选: the query is sealed (a persons search term may be part of a name); its keys are plain.
  saved_filter: {
    id: none, owner_id: staff('常用筛选的保存人'), org_unit_id: none, org_path: none, page: none, name: none,
    query_enc: personal('常用筛选条件（可含姓名关键词，AES-256-GCM 加密）'), query_keys: none, shared: none, created_at: none, updated_at: none,
  },
  report_template: { kind: none, version: none, body: none, saved_by: staff('模板修改人'), saved_at: none },
  // 生成任务 (0015): the kept Word file holds aggregate figures only (no person is named in a report).
  report_job: {
    id: none, kind: none, org_unit_id: none, org_path: none, period: none, status: none, progress: none, step: none,
    file: none, filename: none, size: none, error: none, created_by: staff('报告生成人'), created_at: none, finished_at: none,
  },
  // 指标快照 (0017): aggregate figures per area and period, and a write counter; no person in either.
  indicator_data_version: { module: none, version: none },
  indicator_snapshot: { module: none, org_path: none, period_from: none, period_to: none, data_version: none, computed_at: none, figures: none },
  org_unit: {
    id: none, parent_id: none, name: none, kind: none, division_code: none, path: none, depth: none, active: none,
    created_at: none, updated_at: none,
  },
  app_user: {
    id: none,
    username: staff('账号登录标识'),
    display_name: staff('工作人员姓名，用于审计与协同'),
    org_unit_id: none,
    password_hash: secret('口令校验（argon2id）'),
    password_changed_at: none,
    must_change_password: none,
    active: none,
    mfa_secret: secret('动态验证码密钥（AES-256-GCM 加密）'),
    mfa_enabled: none,
    mfa_last_step: none,
    last_login_at: staff('长期未使用账号自动停用'),
    created_at: none,
    updated_at: none,
  },
  user_role: { user_id: none, role: none },
  password_history: { user_id: none, password_hash: secret('防止重复使用近期口令'), created_at: none },
  recovery_code: { id: none, user_id: none, code_hash: secret('双因素恢复码（带密钥散列）'), used_at: none },
  login_throttle: { username_key: staff('登录失败计数与锁定'), failed_count: none, first_failed_at: none, locked_until: none },
  user_session: {
    id_hash: secret('会话标识散列'), user_id: none, csrf_token: secret('CSRF 校验令牌'), created_at: none, last_seen_at: none,
    expires_at: none, idle_minutes: none, client_ip: staff('会话来源地址', '会话结束即删除'),
  },
  mfa_challenge: { id_hash: secret('第二步登录凭据散列'), user_id: none, expires_at: none, attempts: none },
  security_policy: { id: none, settings: none, updated_at: none },
  audit_event: {
    seq: none, occurred_at: none, actor_id: none,
    actor_username: staff('审计：操作人', '不少于184天'),
    actor_org_unit_id: none, actor_roles: none, action: none, success: none, entity_type: none, entity_id: none,
    request_id: none,
    client_ip: staff('审计：操作来源地址（仅工作人员）', '不少于184天'),
    reason: none,
    changes: { sensitivity: 'staff', purpose: '审计：变更字段摘要（个人数据只记“已修改”）', retention: '不少于184天', masking: 'none' },
    prev_hash: none, hash: none,
  },
  audit_anchor: { id: none, after_seq: none, hash: none },

  // persons. Names, sex and ethnicity are shown in full to in-scope staff holding persons.read (they work with the
  // person); 'mask' here means masked wherever the purpose does not need them (exports, other modules' views).
  substance: { code: none, name_zh: none, category: none, sort_order: none, active: none },
  person: {
    id: none,
    name: personal('识别吸毒人员，开展管控帮扶'),
    id_number_enc: personal('身份核验（AES-256-GCM 加密；显示为 3405**********001X，完整值须授权并填写原因）'),
    id_hash: secret('身份证号等值检索（带密钥盲索引）'),
    birth_date: personal('由身份证号得出，用于年龄与期限计算（列表只显示年龄）'),
    sex: personal('由身份证号得出'),
    ethnicity: personal('统计与帮扶'),
    phones_enc: personal('联系本人（加密；显示为 138****5678）'),
    registered_address_enc: personal('户籍地（加密；只显示前段）'),
    registered_org_unit_id: none,
    residence_address_enc: personal('现居住地，走访管控（加密；只显示前段）'),
    residence_org_unit_id: none,
    org_unit_id: none,
    org_path: none,
    employment: personal('就业帮扶'),
    notes: personal('工作备注'),
    status: none,
    version: none,
    created_at: none,
    updated_at: none,
  },
  // 照片 (0014): the image is sealed and served only through an audited read (person.photo_viewed).
  person_photo: {
    person_id: none, content_type: none, size_bytes: none, sha256: none,
    content_enc: personal('照片：人员辨认（AES-256-GCM 加密，仅经审计的读取显示）'),
    created_by: none, created_at: none,
  },
  person_contact: {
    id: none,
    person_id: none,
    position: none,
    name: personal('家庭联系人'),
    relation: personal('与本人关系'),
    phone_enc: personal('联系家属（加密；显示为 138****5678）'),
    created_at: none,
  },
  detection: {
    id: none,
    person_id: none,
    detected_on: personal('吸毒史：查获日期'),
    agency: personal('吸毒史：查获单位'),
    outcome: personal('吸毒史：处理结果'),
    notes: personal('吸毒史：备注'),
    org_path: none,
    sanction_id: none,
    created_by: none,
    created_at: none,
  },
  detection_substance: { detection_id: none, substance_code: personal('吸毒史：毒品种类') },
  person_relationship: {
    id: none,
    person_id: none,
    related_person_id: personal('人员之间的关系（家庭、共同吸毒、供毒）'),
    kind: personal('关系类型'),
    notes: personal('关系备注'),
    created_by: none,
    created_at: none,
  },

  // supervision. Measures and tests are health and legal data about a registered person; the test result and its
  // substances are sealed together in drug_test.result_enc (AES-256-GCM) and shown only to in-scope supervision staff.
  measure: {
    id: none, person_id: none,
    kind: personal('管控措施：措施类型'),
    decision_date: personal('管控措施：决定日期（计算法定期限）'),
    decision_received_date: personal('管控措施：收到决定书日期（计算报到期限）'),
    deciding_agency: personal('管控措施：决定机关'),
    executing_org_unit_id: none, org_path: none,
    term_months: personal('管控措施：期限'),
    status: personal('管控措施：执行状态'),
    report_in_date: personal('管控措施：报到日期'),
    justified_late_report: personal('管控措施：逾期报到的正当理由'),
    agreement_signed_date: personal('管控措施：协议签订日期'),
    agreement_note: personal('管控措施：协议备注'),
    ended_on: personal('管控措施：结束日期'),
    end_reason: personal('管控措施：结束原因'),
    version: none, created_by: none, created_at: none, updated_at: none,
  },
  // imports: counts of an upload's rows for its progress bar; never the rows or their errors.
  import_job: {
    id: none, kind: none, dry_run: none, status: none, total_rows: none, processed: none, created_rows: none,
    skipped_rows: none, failed_rows: none,
    created_by: staff('导入操作人'),
    started_at: none, finished_at: none,
  },
  measure_event: {
    id: none, measure_id: none,
    type: personal('措施变更：中止、脱逃、延长、变更执行地、终止'),
    from_date: personal('措施变更：开始日期'),
    to_date: personal('措施变更：结束日期'),
    days: personal('措施变更：延长天数'),
    reason: personal('措施变更：终止原因'),
    note: personal('措施变更：备注'),
    created_by: none, created_at: none,
  },
  // risk classification, serious-violation tasks, transfers (0006). The answers (drug history, circumstances) are sealed;
  // score and level stay plain because the test schedule and the high-risk list need them.
  risk_instrument: { id: none, version: none, items: none, thresholds: none, created_by: none, created_at: none },
  risk_assessment: {
    id: none, person_id: none, instrument_id: none,
    assessed_on: personal('风险评估：日期'),
    occasion: personal('风险评估：评估事由'),
    answers_enc: personal('风险评估：各项答案（AES-256-GCM 加密）'),
    score: personal('风险评估：总分'),
    computed_level: personal('风险评估：按分数评定的等级'),
    level: personal('风险评估：风险等级（决定检测频次）'),
    override_reason: personal('风险评估：人工调整理由'),
    org_path: none, created_by: none, created_at: none,
  },
  risk_trigger: { id: none, person_id: none, kind: personal('风险评估：触发事由（如检测阳性）'), source_id: none, occurred_on: personal('风险评估：触发日期'), created_at: none },
  violation_task: {
    id: none, person_id: none, measure_id: none,
    basis: personal('严重违反：依据'),
    reached_on: personal('严重违反：达到日期'),
    explanation: personal('严重违反：说明（次数与日期）'),
    status: none, org_unit_id: none, org_path: none,
    reported_to_police_on: personal('严重违反：报告公安机关日期'),
    police_decision: personal('严重违反：公安机关决定'),
    outcome_note: personal('严重违反：处理备注'),
    dismiss_reason: personal('严重违反：撤销理由'),
    decided_by: none, decided_at: none, created_at: none,
    withdrawn_on: personal('严重违反：系统撤销日期'),
    withdrawn_reason: personal('严重违反：系统撤销原因（次数）'),
    basis_note: personal('严重违反：已报告后依据变化的说明'),
  },
  person_transfer: {
    id: none, person_id: none, from_org_unit_id: none, from_org_path: none, to_org_unit_id: none, to_org_path: none,
    reason: personal('移交：原因'),
    status: none, sent_on: none, sent_by: none, decided_on: none, decided_by: none,
    return_reason: personal('移交：退回原因'),
    note: personal('移交：接收备注'),
    cancel_reason: personal('移交：撤回原因'),
    created_at: none, updated_at: none,
  },
  // 通知检测 (0016): when and how the person was told to come for a test; missed or not is computed, never stored.
  test_notice: {
    id: none, person_id: none,
    notified_on: personal('通知检测：通知日期'),
    method: personal('通知检测：通知方式'),
    due_on: personal('通知检测：应检测日期'),
    note: personal('通知检测：备注'),
    excuse: personal('通知检测：未到检的正当理由'),
    excused_on: personal('通知检测：正当理由登记日期'),
    excused_by: none, created_by: none, created_at: none,
  },
  drug_test: {
    id: none, person_id: none, measure_id: none,
    tested_on: personal('检测：日期（计算下次检测）'),
    kind: personal('检测：方式'),
    setting: personal('检测：现场或实验室'),
    result_enc: personal('检测：结果与毒品种类（AES-256-GCM 加密）'),
    tester: staff('检测人'),
    place: personal('检测：地点'),
    notes: personal('检测：备注'),
    org_path: none, created_by: none, created_at: none,
  },
  // supervision work (0005). Team members without an account (police officer, grid worker, family) are sealed
  // {name, relation, phone}; visits, leaves and assistance are personal facts shown to in-scope supervision staff;
  // attachments are scanned documents (agreements, assistance papers) downloaded only through an audited read.
  work_team_member: {
    id: none, person_id: none,
    role: personal('工作小组：成员角色'),
    account_id: none,
    contact_enc: personal('工作小组：非账号成员姓名、关系、电话（AES-256-GCM 加密）'),
    started_on: personal('工作小组：加入日期'),
    ended_on: personal('工作小组：退出日期'),
    org_path: none, created_by: none, created_at: none,
  },
  supervision_visit: {
    id: none, person_id: none,
    visited_on: personal('走访谈话：日期（计算最后联系日期）'),
    kind: personal('走访谈话：方式'),
    place: personal('走访谈话：地点'),
    visited_by: none,
    summary: personal('走访谈话：内容摘要'),
    findings: personal('走访谈话：发现情况'),
    next_plan: personal('走访谈话：下一步计划'),
    org_path: none, created_by: none, created_at: none,
  },
  leave_record: {
    id: none, person_id: none,
    kind: personal('请假外出：请假或未经批准离开'),
    from_date: personal('请假外出：离开日期'),
    to_date: personal('请假外出：返回日期（计划）'),
    destination: personal('请假外出：目的地'),
    reason: personal('请假外出：事由'),
    approved_by: staff('请假外出：批准人'),
    returned_on: personal('请假外出：实际返回日期'),
    org_path: none, created_by: none, created_at: none,
  },
  assistance: {
    id: none, person_id: none,
    kind: personal('帮扶救助：类型'),
    given_on: personal('帮扶救助：日期'),
    provider: none,
    amount_fen: personal('帮扶救助：金额（分）'),
    notes: personal('帮扶救助：备注'),
    org_path: none, created_by: none, created_at: none,
  },
  attachment: {
    id: none, person_id: none, owner_kind: none, owner_id: none,
    file_name: personal('附件：文件名'),
    content_type: none, size_bytes: none, sha256: none,
    content: personal('附件：协议书、帮扶材料扫描件（仅经审计的下载读取）'),
    org_path: none, created_by: none, created_at: none,
  },
  // 戒断三年未复吸 review (migration 0009): the rule's evidence (dates and counts of a person's tests and measures) is
  // personal; approved rows live under the archive prefix and are read only through the restricted archive.
  abstinence_review: {
    id: none, person_id: none, org_path: none,
    since: personal('戒断三年未复吸：戒断起算日'),
    mark_date: personal('戒断三年未复吸：满三年日期'),
    evidence: personal('戒断三年未复吸：系统列出的依据（日期与次数）'),
    status: personal('戒断三年未复吸：审核状态'),
    proposed_by: none, proposed_at: none, decided_by: none, decided_at: none,
    decided_on: personal('戒断三年未复吸：批准或退回日期'),
    reason: personal('戒断三年未复吸：审核意见'),
    version: none,
    restored_on: personal('戒断三年未复吸：恢复管控日期'),
    restored_by: none,
    restore_reason: personal('戒断三年未复吸：恢复管控理由'),
  },

  // enforcement. Suspects and persons handled for drug use: names are shown to in-scope staff holding
  // enforcement.read; ID numbers are encrypted and shown masked (3405**********001X), in full only through an audited
  // reveal with a reason (enforcement.reveal). Case facts, seizures, assets and targets are not personal data.
  drug_case: {
    id: none, case_number: none, type: none, level: none, supervision: none, gang: none, network: none, family: none,
    filed_on: none, solved_on: none, prosecuted_on: none, handling_unit_id: none, org_unit_id: none, org_path: none,
    summary: personal('简要案情（可能涉及当事人，仅辖区执法人员可见）'),
    version: none, created_by: none, created_at: none, updated_at: none,
  },
  suspect: {
    id: none,
    case_id: none,
    name: personal('识别犯罪嫌疑人'),
    id_number_enc: personal('犯罪嫌疑人身份核验（AES-256-GCM 加密；显示为 3405**********001X，完整值须授权并填写原因）'),
    id_hash: secret('身份证号等值匹配吸毒人员登记（带密钥盲索引）'),
    person_id: personal('与在册吸毒人员的关联'),
    role: personal('涉案角色'),
    caught_on: personal('强制措施：抓获日期'),
    criminal_detention_on: personal('强制措施：刑事拘留日期'),
    arrested_on: personal('强制措施：逮捕日期'),
    prosecuted_on: personal('诉讼：起诉日期'),
    wanted_level: personal('追逃：逃犯等级'),
    notes: personal('犯罪嫌疑人备注'),
    org_path: none, version: none, created_by: none, created_at: none, updated_at: none,
  },
  seizure: {
    id: none, case_id: none, drug: none, grams: none, packets: none, seized_on: none, place: none, org_path: none,
    created_by: none, created_at: none,
  },
  precursor_seizure: {
    id: none, case_id: none, chemical: none, kilograms: none, seized_on: none, place: none, org_path: none,
    created_by: none, created_at: none,
  },
  drug_asset: {
    id: none, case_id: none, kind: none, amount_fen: none, description: none, recorded_on: none, org_path: none,
    created_by: none, created_at: none,
  },
  drug_use_sanction: {
    id: none,
    name: personal('查处吸毒：被处理人姓名'),
    id_number_enc: personal('查处吸毒：身份证号（加密；显示为 3405**********001X）'),
    id_hash: secret('身份证号等值匹配吸毒人员登记（带密钥盲索引）'),
    person_id: personal('与在册吸毒人员的关联'),
    kind: personal('查处吸毒：处理类型'),
    decided_on: personal('查处吸毒：决定日期'),
    detention_days: personal('查处吸毒：拘留天数'),
    fine_fen: personal('查处吸毒：罚款金额'),
    handling_unit_id: none, org_unit_id: none, org_path: none, case_id: none,
    notes: personal('查处吸毒：备注'),
    created_by: none, created_at: none,
  },
  enforcement_target: {
    org_unit_id: none, org_path: none, year: none, quarter: none, indicator: none, value: none, updated_by: none, updated_at: none,
  },
  // alerts (0008): alert rows say something about a person (a positive test, where they stayed): personal, masked.
  outbox_event: { id: none, type: none, person_id: none, payload: none, created_at: none, processed_at: none },
  alert: {
    id: none,
    rule_code: personal('预警：触发规则（可反映检测结果等管控情况）'),
    subject_key: none, level: none, status: none, person_id: none, org_unit_id: none, org_path: none,
    inbox_org_unit_id: none, inbox_path: none,
    summary: personal('预警：摘要（规则与日期）'),
    details: personal('预警：明细（日期、逾期天数；特殊行业预警含地点和时间）'),
    raised_at: none, ack_due_at: none, resolve_due_at: none, overdue: none, sla_breach: none, escalations: none, assignee_id: none,
    outcome: personal('预警：处置结果'),
    outcome_note: personal('预警：处置说明'),
    closed_at: none, closed_reason: none, version: none,
  },
  alert_transition: {
    id: none, alert_id: none, action: none, from_status: none, to_status: none, actor_id: none, at: none,
    note: personal('预警处理：备注'),
  },
  alert_rule_setting: { rule_code: none, org_unit_id: none, org_path: none, enabled: none, params: none, updated_by: none, updated_at: none },
  alert_sla: { level: none, ack_minutes: none, resolve_minutes: none, updated_by: none, updated_at: none },
  // 工作清单的存储 (0021): each open community measure's clock status and due dates as the rules computed them for a day.
  measure_due: {
    measure_id: none, person_id: none, org_path: none,
    kind: personal('应检待办：措施类型'),
    status: personal('应检待办：措施执行状态（按当日计算）'),
    report_in_due: personal('应检待办：报到期限'), report_in_rule: none, report_in_explanation: personal('应检待办：报到期限说明'),
    term_end: personal('应检待办：期满日期'), term_end_rule: none, term_end_explanation: personal('应检待办：期满日期说明'),
    next_test_due: personal('应检待办：下次检测日期'), next_test_rule: none, next_test_explanation: personal('应检待办：下次检测日期说明'),
    test_state: personal('应检待办：待检测或逾期未检'),
    computed_on: none,
  },
  measure_due_refresh: { id: none, day: none, rows: none, finished_at: none },
  test_policy: {
    org_unit_id: none, year1_months_between: none, year2_months_between: none, year3_months_between: none, min_months_between: none,
    risk_high: none, risk_medium: none, risk_low: none, updated_by: none, updated_at: none,
  },
  feed_partner: {
    id: none, name: none, kinds: none, key_id: none,
    secret_enc: secret('联网单位签名密钥（AES-256-GCM 加密，用于 HMAC 校验）'),
    active: none, created_by: none, created_at: none, rotated_at: none, revoked_at: none,
  },
  feed_event: { partner_id: none, event_id: none, alert_id: none, received_at: none },
  feed_daily_count: { partner_id: none, day: none, received: none, matched: none, unmatched: none },
  // Replay store: the key id and a SHA-256 of an accepted request's signature until it expires (no personal data).
  feed_seen_signature: { key_id: none, signature_hash: none, expires_at: none },
};
