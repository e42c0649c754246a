-- Early warning (预警): domain-event outbox, alerts with their inbox workflow, rule settings per org unit, SLA per
-- level, partner feeds (特殊行业联网). Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

-- Domain events written in the same transaction as the change they announce; the dispatcher marks them processed.
-- The payload carries ids only, never personal values.
CREATE TABLE outbox_event (
  id           bigserial PRIMARY KEY,
  type         text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
  person_id    uuid,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE processed_at IS NULL;

CREATE TABLE alert (
  id                uuid PRIMARY KEY,
  rule_code         text NOT NULL CHECK (length(rule_code) BETWEEN 1 AND 50),
  -- What the condition is about (e.g. measure:<id>, test:<id>, feed:<partner>:<event id>): one open alert per rule+subject.
  subject_key       text NOT NULL CHECK (length(subject_key) BETWEEN 1 AND 300),
  level             text NOT NULL CHECK (level IN ('high','medium','low')),
  status            text NOT NULL DEFAULT 'new' CHECK (status IN ('new','acknowledged','assigned','resolved','autoClosed')),
  person_id         uuid REFERENCES person (id),
  -- The responsible unit (the person's unit when raised) and its path (scope); the inbox unit climbs on escalation.
  org_unit_id       uuid NOT NULL REFERENCES org_unit (id),
  org_path          text NOT NULL,
  inbox_org_unit_id uuid NOT NULL REFERENCES org_unit (id),
  inbox_path        text NOT NULL,
  summary           text NOT NULL,
  details           jsonb NOT NULL DEFAULT '{}'::jsonb,
  raised_at         timestamptz NOT NULL,
  ack_due_at        timestamptz NOT NULL,
  resolve_due_at    timestamptz NOT NULL,
  overdue           boolean NOT NULL DEFAULT false,
  -- The last SLA deadline missed and escalated for ('ack', then 'resolve'): each breach escalates once.
  sla_breach        text CHECK (sla_breach IN ('ack','resolve')),
  escalations       integer NOT NULL DEFAULT 0 CHECK (escalations >= 0),
  assignee_id       uuid REFERENCES app_user (id),
  outcome           text CHECK (outcome IN ('verifiedAndTested','falseAlarm','handedToPolice','other')),
  outcome_note      text,
  closed_at         timestamptz,
  closed_reason     text,
  version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((status IN ('resolved','autoClosed')) = (closed_at IS NOT NULL)),
  CHECK (status <> 'resolved' OR outcome IS NOT NULL)
);
CREATE UNIQUE INDEX alert_open_condition ON alert (rule_code, subject_key) WHERE status IN ('new','acknowledged','assigned');
CREATE INDEX alert_org_path ON alert (org_path text_pattern_ops, status, raised_at DESC);
CREATE INDEX alert_inbox_path ON alert (inbox_path text_pattern_ops, status);
CREATE INDEX alert_person ON alert (person_id, raised_at DESC);
CREATE INDEX alert_open_due ON alert (resolve_due_at) WHERE status IN ('new','acknowledged','assigned');

-- Every transition: who (null = the system) and when.
CREATE TABLE alert_transition (
  id          bigserial PRIMARY KEY,
  alert_id    uuid NOT NULL REFERENCES alert (id),
  action      text NOT NULL CHECK (action IN ('raised','acknowledged','assigned','resolved','autoClosed','overdue','escalated')),
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES app_user (id),
  at          timestamptz NOT NULL,
  note        text
);
CREATE INDEX alert_transition_alert ON alert_transition (alert_id, id);

-- A unit's setting of a rule, inherited by its subtree (nearest setting wins key by key).
CREATE TABLE alert_rule_setting (
  rule_code   text NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_unit (id),
  org_path    text NOT NULL,
  enabled     boolean,
  params      jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_by  uuid REFERENCES app_user (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_code, org_unit_id)
);

CREATE TABLE alert_sla (
  level           text PRIMARY KEY CHECK (level IN ('high','medium','low')),
  ack_minutes     integer NOT NULL CHECK (ack_minutes > 0),
  resolve_minutes integer NOT NULL CHECK (resolve_minutes >= ack_minutes),
  updated_by      uuid REFERENCES app_user (id),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO alert_sla (level, ack_minutes, resolve_minutes) VALUES ('high', 120, 1440), ('medium', 1440, 4320), ('low', 4320, 10080);

-- Partner organisations of 特殊行业联网; the HMAC secret is stored sealed (AES-256-GCM), never in plain text.
CREATE TABLE feed_partner (
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kinds       text[] NOT NULL,
  key_id      text NOT NULL UNIQUE,
  secret_enc  text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz
);

-- Partner events that matched a person in active control (only those are kept); idempotent on the partner's id.
CREATE TABLE feed_event (
  partner_id  uuid NOT NULL REFERENCES feed_partner (id),
  event_id    text NOT NULL,
  alert_id    uuid REFERENCES alert (id),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (partner_id, event_id)
);

-- How many events a partner sent per day (China date): the only trace of events that matched nobody.
CREATE TABLE feed_daily_count (
  partner_id uuid NOT NULL REFERENCES feed_partner (id),
  day        date NOT NULL,
  received   integer NOT NULL DEFAULT 0,
  matched    integer NOT NULL DEFAULT 0,
  unmatched  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (partner_id, day)
);
