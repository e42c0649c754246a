-- 常用筛选: named filter sets of a list page (what its URL query holds), saved by an account, optionally shared with
-- the accounts of its unit's subtree. The query is sealed (AES-256-GCM, place saved_filter.query_enc:<id>): a name
-- part typed into the persons search is personal data.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE saved_filter (
  id          uuid PRIMARY KEY,
  owner_id    uuid NOT NULL REFERENCES app_user (id),
  org_unit_id uuid NOT NULL REFERENCES org_unit (id),
  -- The owner's unit path when saved, rewritten when the unit moves: who sees a shared filter.
  org_path    text NOT NULL,
  page        text NOT NULL CHECK (page IN ('worklist', 'persons')),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  query_enc   text NOT NULL,
  -- The query's keys in clear (never values), for the audit trail and the allow-list check on read.
  query_keys  text[] NOT NULL,
  shared      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE UNIQUE INDEX saved_filter_owner_page_name ON saved_filter (owner_id, page, name);
CREATE INDEX saved_filter_shared_path ON saved_filter (page, org_path) WHERE shared;
