-- 戒断三年未复吸 (three years abstinent without relapse) and the restricted archive (SECURITY.md §18).
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.
-- A person approved as abstinent leaves dynamic control: status 'abstinent', and the org_path copies of the person and
-- of their person-owned records get the prefix 'archive:' — no ordinary scope (`org_path LIKE '/…%'`) matches them any
-- more, so lists, search, exports, working lists and figures drop them without a filter of their own. Only the
-- restricted archive path (archiveScope in platform/access/scope.ts) reads them, masked and audited.

ALTER TABLE person DROP CONSTRAINT person_status_check;
ALTER TABLE person ADD CONSTRAINT person_status_check CHECK (status IN ('active','deceased','departed','abstinent'));

CREATE TABLE abstinence_review (
  id           uuid PRIMARY KEY,
  person_id    uuid NOT NULL REFERENCES person (id),
  -- The person's org_path (with the archive prefix once approved), kept in step when the unit moves.
  org_path     text NOT NULL,
  since        date NOT NULL,
  mark_date    date NOT NULL,
  -- The rule's evidence lines at proposal time (JSON array of Chinese sentences: dates and counts only).
  evidence     text NOT NULL,
  status       text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','approved','rejected')),
  proposed_by  uuid REFERENCES app_user (id),
  proposed_at  timestamptz NOT NULL DEFAULT now(),
  decided_by   uuid REFERENCES app_user (id),
  decided_at   timestamptz,
  decided_on   date,
  reason       text,
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((status = 'proposed') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- One open proposal per person.
CREATE UNIQUE INDEX abstinence_review_open ON abstinence_review (person_id) WHERE status = 'proposed';
CREATE INDEX abstinence_review_org_path ON abstinence_review (org_path text_pattern_ops, status, decided_on);
CREATE INDEX abstinence_review_person ON abstinence_review (person_id, proposed_at DESC);
-- Indicator queries: persons per subtree and status; tests of a subtree in a period already have drug_test_org_path.
CREATE INDEX person_org_path_status ON person (org_path text_pattern_ops, status);
