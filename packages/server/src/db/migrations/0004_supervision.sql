-- Supervision (管控措施): measures with the facts their statutory clocks need, measure events, drug tests.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite. Clocks are never stored: they are computed from these
-- facts by packages/shared/src/rules (measure-clocks.ts, test-schedule.ts) each time they are read.

CREATE TABLE measure (
  id                     uuid PRIMARY KEY,
  person_id              uuid NOT NULL REFERENCES person (id),
  kind                   text NOT NULL CHECK (kind IN ('communityTreatment','compulsoryIsolation','communityRehab','voluntaryTreatment','maintenanceTherapy')),
  decision_date          date NOT NULL,
  decision_received_date date CHECK (decision_received_date >= decision_date),
  deciding_agency        text NOT NULL CHECK (length(deciding_agency) BETWEEN 1 AND 100),
  executing_org_unit_id  uuid NOT NULL REFERENCES org_unit (id),
  -- The person's org_path when ordered, kept in step when the unit moves (scope without a join).
  org_path               text NOT NULL,
  term_months            integer CHECK (term_months BETWEEN 1 AND 36),
  status                 text NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered','active','suspended','ended','terminated')),
  report_in_date         date,
  justified_late_report  boolean NOT NULL DEFAULT false,
  agreement_signed_date  date,
  agreement_note         text,
  ended_on               date,
  end_reason             text,
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by             uuid REFERENCES app_user (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'communityRehab' OR term_months IS NOT NULL)
);
CREATE INDEX measure_person ON measure (person_id, decision_date DESC);
CREATE INDEX measure_org_path ON measure (org_path text_pattern_ops, status);
-- One open measure of a kind per person at a time.
CREATE UNIQUE INDEX measure_open_kind ON measure (person_id, kind) WHERE status IN ('ordered','active','suspended');

CREATE TABLE measure_event (
  id         uuid PRIMARY KEY,
  measure_id uuid NOT NULL REFERENCES measure (id),
  type       text NOT NULL CHECK (type IN ('suspension','escape','extension','placeChange','termination')),
  from_date  date NOT NULL,
  to_date    date CHECK (to_date >= from_date),
  days       integer CHECK (days BETWEEN 1 AND 366),
  reason     text,
  note       text,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measure_event_measure ON measure_event (measure_id, from_date);

CREATE TABLE drug_test (
  id          uuid PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person (id),
  measure_id  uuid REFERENCES measure (id),
  tested_on   date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('urine','hair','saliva')),
  setting     text NOT NULL CHECK (setting IN ('field','lab')),
  -- {result, substances} sealed together (AES-256-GCM, bound to drug_test.result_enc:<id>): a test result is health data.
  result_enc  text NOT NULL,
  tester      text,
  place       text,
  notes       text,
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drug_test_person ON drug_test (person_id, tested_on DESC);
CREATE INDEX drug_test_org_path ON drug_test (org_path text_pattern_ops, tested_on);
