-- Supervision work (社区戒毒（康复）工作): work teams, visits and talks, leave reports and unauthorised absences,
-- assistance, and a small attachment store (assistance, measure agreements). Forward-only; runs unchanged on
-- PostgreSQL 15+ and PGlite. Every table carries the person's org_path (scope without a join), kept in step on moves.

CREATE TABLE work_team_member (
  id          uuid PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person (id),
  role        text NOT NULL CHECK (role IN ('socialWorker','policeOfficer','gridWorker','family')),
  -- Set for a social worker (an account of role worker): the worker scope follows it.
  account_id  uuid REFERENCES app_user (id),
  -- {name, relation, phone} of a member without an account, sealed (AES-256-GCM, bound to work_team_member.contact_enc:<id>).
  contact_enc text,
  started_on  date NOT NULL,
  ended_on    date CHECK (ended_on >= started_on),
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((account_id IS NULL) <> (contact_enc IS NULL))
);
CREATE INDEX work_team_member_person ON work_team_member (person_id, started_on);
-- The worker scope: EXISTS (current membership of this account for this person).
CREATE INDEX work_team_member_account ON work_team_member (account_id, person_id) WHERE ended_on IS NULL;
CREATE UNIQUE INDEX work_team_member_current ON work_team_member (person_id, account_id) WHERE ended_on IS NULL AND account_id IS NOT NULL;
CREATE INDEX work_team_member_org_path ON work_team_member (org_path text_pattern_ops);

CREATE TABLE supervision_visit (
  id          uuid PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person (id),
  visited_on  date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('homeVisit','talk','phone','video')),
  place       text,
  visited_by  uuid NOT NULL REFERENCES app_user (id),
  summary     text NOT NULL,
  findings    text,
  next_plan   text,
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_visit_person ON supervision_visit (person_id, visited_on DESC);
CREATE INDEX supervision_visit_org_path ON supervision_visit (org_path text_pattern_ops);

CREATE TABLE leave_record (
  id           uuid PRIMARY KEY,
  person_id    uuid NOT NULL REFERENCES person (id),
  -- leave: a written leave report (请假/外出报告); absence: left without permission (未经批准离开).
  kind         text NOT NULL CHECK (kind IN ('leave','absence')),
  from_date    date NOT NULL,
  to_date      date NOT NULL CHECK (to_date >= from_date),
  destination  text,
  reason       text,
  approved_by  text,
  returned_on  date CHECK (returned_on >= from_date),
  org_path     text NOT NULL,
  created_by   uuid REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leave_record_person ON leave_record (person_id, from_date DESC);
CREATE INDEX leave_record_org_path ON leave_record (org_path text_pattern_ops);

CREATE TABLE assistance (
  id          uuid PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person (id),
  kind        text NOT NULL CHECK (kind IN ('employment','minimumLiving','medical','training','schooling','other')),
  given_on    date NOT NULL,
  provider    text NOT NULL,
  amount_fen  integer CHECK (amount_fen >= 0),
  notes       text,
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistance_person ON assistance (person_id, given_on DESC);
CREATE INDEX assistance_org_path ON assistance (org_path text_pattern_ops);

CREATE TABLE attachment (
  id           uuid PRIMARY KEY,
  person_id    uuid NOT NULL REFERENCES person (id),
  owner_kind   text NOT NULL CHECK (owner_kind IN ('assistance','measure')),
  owner_id     uuid NOT NULL,
  file_name    text NOT NULL,
  -- Sniffed from the content (magic numbers), never the client's claim.
  content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png','application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  org_path     text NOT NULL,
  created_by   uuid REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_owner ON attachment (owner_kind, owner_id, created_at);
CREATE INDEX attachment_org_path ON attachment (org_path text_pattern_ops);
