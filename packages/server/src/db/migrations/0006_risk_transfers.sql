-- Risk classification (风险分类评估), serious-violation tasks (严重违反) and transfers between jurisdictions (移交).
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

-- A versioned instrument: each save is a new row; assessments keep the version they were scored with.
CREATE TABLE risk_instrument (
  id          uuid PRIMARY KEY,
  version     integer NOT NULL UNIQUE CHECK (version >= 1),
  -- JSON: [{code, label, options: [{code, label, score}]}] and {high, medium}.
  items       text NOT NULL,
  thresholds  text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE risk_assessment (
  id               uuid PRIMARY KEY,
  person_id        uuid NOT NULL REFERENCES person (id),
  instrument_id    uuid NOT NULL REFERENCES risk_instrument (id),
  assessed_on      date NOT NULL,
  occasion         text NOT NULL CHECK (occasion IN ('registration','scheduled','triggered')),
  -- {answers} sealed (AES-256-GCM, bound to risk_assessment.answers_enc:<id>): drug history and circumstances.
  answers_enc      text NOT NULL,
  score            integer NOT NULL CHECK (score >= 0),
  computed_level   text NOT NULL CHECK (computed_level IN ('high','medium','low')),
  level            text NOT NULL CHECK (level IN ('high','medium','low')),
  override_reason  text,
  org_path         text NOT NULL,
  created_by       uuid REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (level = computed_level OR override_reason IS NOT NULL)
);
CREATE INDEX risk_assessment_person ON risk_assessment (person_id, assessed_on DESC, created_at DESC);
CREATE INDEX risk_assessment_org_path ON risk_assessment (org_path text_pattern_ops);

-- Events calling for a reassessment (positive or refused test, violation); one per source record.
CREATE TABLE risk_trigger (
  id           uuid PRIMARY KEY,
  person_id    uuid NOT NULL REFERENCES person (id),
  kind         text NOT NULL CHECK (kind IN ('positiveTest','refusedTest','missedReportIn','violation')),
  source_id    uuid NOT NULL,
  occurred_on  date NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, source_id)
);
CREATE INDEX risk_trigger_person ON risk_trigger (person_id, occurred_on);

-- 严重违反: one task per measure and basis (threshold reached), for the responsible township.
CREATE TABLE violation_task (
  id                     uuid PRIMARY KEY,
  person_id              uuid NOT NULL REFERENCES person (id),
  measure_id             uuid NOT NULL REFERENCES measure (id),
  basis                  text NOT NULL CHECK (basis IN ('testEvasions','unauthorizedAbsences','unauthorizedDays')),
  reached_on             date NOT NULL,
  explanation            text NOT NULL,
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','dismissed')),
  org_unit_id            uuid NOT NULL REFERENCES org_unit (id),
  org_path               text NOT NULL,
  reported_to_police_on  date,
  police_decision        text CHECK (police_decision IN ('pending','compulsoryIsolation','notIsolated')),
  outcome_note           text,
  dismiss_reason         text,
  decided_by             uuid REFERENCES app_user (id),
  decided_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (measure_id, basis)
);
CREATE INDEX violation_task_org_path ON violation_task (org_path text_pattern_ops, status);

CREATE TABLE person_transfer (
  id                 uuid PRIMARY KEY,
  person_id          uuid NOT NULL REFERENCES person (id),
  from_org_unit_id   uuid NOT NULL REFERENCES org_unit (id),
  from_org_path      text NOT NULL,
  to_org_unit_id     uuid NOT NULL REFERENCES org_unit (id),
  to_org_path        text NOT NULL,
  reason             text NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','returned')),
  sent_on            date NOT NULL,
  sent_by            uuid REFERENCES app_user (id),
  decided_on         date,
  decided_by         uuid REFERENCES app_user (id),
  return_reason      text,
  note               text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'returned' OR return_reason IS NOT NULL)
);
-- One pending transfer per person at a time.
CREATE UNIQUE INDEX person_transfer_pending ON person_transfer (person_id) WHERE status = 'pending';
CREATE INDEX person_transfer_to ON person_transfer (to_org_path text_pattern_ops, status);
CREATE INDEX person_transfer_from ON person_transfer (from_org_path text_pattern_ops, status);

-- The default instrument (version 1), as DEFAULT_RISK_INSTRUMENT in packages/shared/src/rules/risk-assessment.ts.
INSERT INTO risk_instrument (id, version, items, thresholds) VALUES ('00000000-0000-4000-8000-000000000601', 1,
  '[{"code":"useYears","label":"吸毒史年限","options":[{"code":"lt1","label":"不满1年","score":0},{"code":"y1to5","label":"1至5年","score":2},{"code":"gt5","label":"5年以上","score":4}]},{"code":"recentPositive","label":"近期检测阳性（近6个月）","options":[{"code":"no","label":"无","score":0},{"code":"once","label":"1次","score":4},{"code":"more","label":"2次以上","score":6}]},{"code":"missedReport","label":"未按时报到或检测","options":[{"code":"no","label":"无","score":0},{"code":"once","label":"1次","score":2},{"code":"more","label":"2次以上","score":4}]},{"code":"housing","label":"无固定住所","options":[{"code":"stable","label":"有固定住所","score":0},{"code":"none","label":"无固定住所","score":3}]},{"code":"employment","label":"无业","options":[{"code":"employed","label":"有稳定工作","score":0},{"code":"casual","label":"临时就业","score":1},{"code":"none","label":"无业","score":2}]},{"code":"family","label":"家庭支持","options":[{"code":"strong","label":"家庭支持良好","score":0},{"code":"weak","label":"家庭支持较弱","score":1},{"code":"none","label":"无家庭支持","score":3}]},{"code":"record","label":"违法犯罪记录","options":[{"code":"none","label":"无","score":0},{"code":"admin","label":"有行政处罚","score":2},{"code":"criminal","label":"有刑事处罚","score":4}]}]',
  '{"high":12,"medium":6}');
