-- Excel imports (导入): one row per upload, so the browser can poll the progress of a large file while it is processed.
-- Counts only: the rows themselves and their errors are returned to the uploader and never stored here.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE import_job (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('cases','persons')),
  dry_run      boolean NOT NULL,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
  total_rows   integer NOT NULL DEFAULT 0 CHECK (total_rows >= 0),
  processed    integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
  created_rows integer NOT NULL DEFAULT 0 CHECK (created_rows >= 0),
  skipped_rows integer NOT NULL DEFAULT 0 CHECK (skipped_rows >= 0),
  failed_rows  integer NOT NULL DEFAULT 0 CHECK (failed_rows >= 0),
  created_by   uuid NOT NULL REFERENCES app_user (id),
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX import_job_creator ON import_job (created_by, started_at DESC);

-- 查获 fed by 查处吸毒 (nothing typed twice): a sanction recorded in enforcement for a registered person is also that
-- person's detection. The detection points at its sanction (one detection per sanction); the persons module refuses a
-- hand-typed detection that repeats one already fed this way.
ALTER TABLE detection ADD COLUMN sanction_id uuid REFERENCES drug_use_sanction (id);
CREATE UNIQUE INDEX detection_sanction ON detection (sanction_id) WHERE sanction_id IS NOT NULL;
