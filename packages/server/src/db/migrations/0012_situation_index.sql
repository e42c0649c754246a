-- 毒情测评指数: the office's index configurations (components with weights and good/bad reference values).
-- Every save is a new version; an index names the version it was computed with, so old figures stay reproducible.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE situation_index_config (
  version     integer PRIMARY KEY CHECK (version >= 1),
  components  jsonb NOT NULL,
  saved_by    uuid NOT NULL REFERENCES app_user (id),
  saved_at    timestamptz NOT NULL DEFAULT now()
);
