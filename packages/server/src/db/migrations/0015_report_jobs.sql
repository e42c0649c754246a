-- 生成任务 (issue #6): reports generated in the background, in the server process, right after the request. The
-- finished Word file is kept here (at most 50 per unit, the oldest removed) and listed; a job left running by a
-- stopped server or older than 10 minutes is marked failed. Rows are scoped by the report unit's org path.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE report_job (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('bulletin','summary')),
  org_unit_id uuid NOT NULL REFERENCES org_unit (id),
  org_path    text NOT NULL,
  -- 2026, 2026-Q3 or 2026-07.
  period      text NOT NULL,
  status      text NOT NULL CHECK (status IN ('queued','running','done','failed')),
  progress    integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  step        text NOT NULL DEFAULT '',
  file        bytea,
  filename    text,
  size        integer,
  error       text,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL,
  finished_at timestamptz
);

CREATE INDEX report_job_path ON report_job (org_path text_pattern_ops, created_at DESC);
CREATE INDEX report_job_unit ON report_job (org_unit_id, created_at DESC);
