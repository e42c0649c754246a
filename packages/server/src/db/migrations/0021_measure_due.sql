-- Stored due dates of open community measures (issue #3 scale, docs/rules.md 工作清单的存储): one row per open
-- 社区戒毒/社区康复 measure with the clock status, report-in due, term end and next test due as the shared pure rules
-- (packages/shared/src/rules) computed them for `computed_on`, with the rule code and explanation each working-list
-- row shows. Kept by every write that changes an input (in its transaction) and refreshed for all rows once a China
-- day; the working lists read these rows only while the last complete refresh is for today, else they compute live.
-- `org_path` is the person's path (scope without a join), kept like the other copies: org moves, unit changes
-- (transfer accepted, responsible unit edited), archive prefix (ARCHIVED_TABLES) and restore.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE measure_due (
  measure_id             uuid PRIMARY KEY REFERENCES measure (id),
  person_id              uuid NOT NULL REFERENCES person (id),
  org_path               text NOT NULL,
  kind                   text NOT NULL,
  -- measureClocks(...).status on computed_on.
  status                 text NOT NULL,
  report_in_due          date,
  report_in_rule         text,
  report_in_explanation  text,
  term_end               date,
  term_end_rule          text,
  term_end_explanation   text,
  -- testStatus(...) of an active, reported-in measure on computed_on: next due date and whether due or overdue.
  next_test_due          date,
  next_test_rule         text,
  next_test_explanation  text,
  test_state             text CHECK (test_state IN ('due', 'overdue')),
  computed_on            date NOT NULL
);
CREATE INDEX measure_due_person ON measure_due (person_id);
-- One partial index per working list: scope prefix first, then the list's order.
CREATE INDEX measure_due_test_due ON measure_due (org_path text_pattern_ops, next_test_due) WHERE test_state = 'due';
CREATE INDEX measure_due_test_overdue ON measure_due (org_path text_pattern_ops, next_test_due) WHERE test_state = 'overdue';
CREATE INDEX measure_due_not_reported_in ON measure_due (org_path text_pattern_ops, report_in_due) WHERE status = 'notReportedIn';
CREATE INDEX measure_due_term_end ON measure_due (org_path text_pattern_ops, term_end) WHERE status = 'active';

-- The last complete daily refresh (one row): reads trust measure_due only when `day` is today.
CREATE TABLE measure_due_refresh (
  id          integer PRIMARY KEY CHECK (id = 1),
  day         date NOT NULL,
  rows        integer NOT NULL,
  finished_at timestamptz NOT NULL
);
