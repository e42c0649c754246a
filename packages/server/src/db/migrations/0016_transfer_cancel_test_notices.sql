-- Issue #3 follow-ups: a transfer cancelled by its sender (移交撤回) while still pending, and test notices (通知检测):
-- a recorded notice to come for a drug test by a due day. Whether a notice was missed (no test by the due day, no
-- justified reason recorded) is computed on read by the shared rule `testNoticeStatus`, never stored.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

ALTER TABLE person_transfer DROP CONSTRAINT person_transfer_status_check;
ALTER TABLE person_transfer ADD CONSTRAINT person_transfer_status_check CHECK (status IN ('pending','accepted','returned','cancelled'));
ALTER TABLE person_transfer ADD COLUMN cancel_reason text;
ALTER TABLE person_transfer ADD CONSTRAINT person_transfer_cancel_reason CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL);

-- Scoped through the person (person_id → person.org_path, and the work team for worker accounts): no org_path copy.
CREATE TABLE test_notice (
  id           uuid PRIMARY KEY,
  person_id    uuid NOT NULL REFERENCES person (id),
  notified_on  date NOT NULL,
  method       text NOT NULL CHECK (method IN ('phone','sms','written','inPerson')),
  due_on       date NOT NULL,
  note         text,
  -- A justified reason for not coming (正当理由): the notice then never counts as missed.
  excuse       text,
  excused_on   date,
  excused_by   uuid REFERENCES app_user (id),
  created_by   uuid REFERENCES app_user (id),
  created_at   timestamptz NOT NULL,
  CHECK (due_on >= notified_on),
  CHECK ((excuse IS NULL) = (excused_on IS NULL))
);
CREATE INDEX test_notice_person ON test_notice (person_id, due_on);
