-- Report templates (简报 / 工作总结): every save by the office is a new version; reports name the version they used.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE report_template (
  kind      text NOT NULL CHECK (kind IN ('bulletin','summary')),
  version   integer NOT NULL CHECK (version >= 1),
  body      jsonb NOT NULL,
  saved_by  uuid NOT NULL REFERENCES app_user (id),
  saved_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, version)
);
