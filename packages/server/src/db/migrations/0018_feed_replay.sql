-- Shared replay store of signed partner-feed requests (issue #4): every server behind a balancer refuses a request
-- that any of them accepted within the window. One row per accepted request: the partner's key id and the SHA-256 of
-- the request's signature (never the signature itself), kept until 2× the ±5-minute timestamp window has passed —
-- by then the request's timestamp is stale everywhere. A row past its expiry no longer counts and is purged in a
-- bounded, indexed delete. Nothing about a person is stored. Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE feed_seen_signature (
  key_id         text NOT NULL,
  signature_hash bytea NOT NULL,
  expires_at     timestamptz NOT NULL,
  PRIMARY KEY (key_id, signature_hash)
);

CREATE INDEX feed_seen_signature_expires_at ON feed_seen_signature (expires_at);
