-- Foundation: org tree, accounts, roles, sessions, login throttling, security policy, audit log.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE org_unit (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id     uuid REFERENCES org_unit (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind          text NOT NULL CHECK (kind IN ('district','township','street','village','community','grid','department','policeStation')),
  division_code text CHECK (division_code ~ '^[0-9]{6}([0-9]{6})?$'),
  -- Materialized path of ids, '/root/child/…/self/'; a subtree is `path LIKE '<path>%'`.
  path          text NOT NULL UNIQUE,
  depth         integer NOT NULL CHECK (depth >= 0),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_unit_path_prefix ON org_unit (path text_pattern_ops);
CREATE INDEX org_unit_parent ON org_unit (parent_id);
CREATE UNIQUE INDEX org_unit_division_code ON org_unit (division_code) WHERE division_code IS NOT NULL;
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

CREATE TABLE app_user (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL,
  display_name         text NOT NULL,
  org_unit_id          uuid NOT NULL REFERENCES org_unit (id),
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  active               boolean NOT NULL DEFAULT true,
  mfa_secret           text,
  mfa_enabled          boolean NOT NULL DEFAULT false,
  mfa_last_step        bigint,
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
-- Usernames are unique case-insensitively (SECURITY.md §1).
CREATE UNIQUE INDEX app_user_username_ci ON app_user (lower(username));
CREATE INDEX app_user_org ON app_user (org_unit_id);

CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user (id),
  role    text NOT NULL CHECK (role IN ('office','township','worker','police','department','enterprise','sysadmin','secadmin','auditor')),
  PRIMARY KEY (user_id, role)
);
-- 三员分立: no account holds two of sysadmin / secadmin / auditor (SECURITY.md §9).
CREATE UNIQUE INDEX user_role_one_admin_duty ON user_role (user_id) WHERE role IN ('sysadmin','secadmin','auditor');

CREATE TABLE password_history (
  user_id       uuid NOT NULL REFERENCES app_user (id),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user ON password_history (user_id, created_at DESC);

CREATE TABLE recovery_code (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES app_user (id),
  code_hash  text NOT NULL,
  used_at    timestamptz
);
CREATE INDEX recovery_code_user ON recovery_code (user_id);

-- Failures are counted per typed username, whether or not the account exists, so that
-- unknown and existing users behave identically.
CREATE TABLE login_throttle (
  username_key    text PRIMARY KEY,
  failed_count    integer NOT NULL DEFAULT 0,
  first_failed_at timestamptz,
  locked_until    timestamptz
);

CREATE TABLE user_session (
  -- sha256 of the cookie value: a database reader cannot replay a session.
  id_hash       text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  idle_minutes  integer NOT NULL,
  client_ip     text
);
CREATE INDEX user_session_user ON user_session (user_id);

-- A password was right but the second factor is still due; no session exists yet.
CREATE TABLE mfa_challenge (
  id_hash    text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES app_user (id),
  expires_at timestamptz NOT NULL,
  attempts   integer NOT NULL DEFAULT 0
);

CREATE TABLE security_policy (
  id         integer PRIMARY KEY CHECK (id = 1),
  settings   text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_event (
  seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at       timestamptz NOT NULL,
  actor_id          uuid,
  actor_username    text,
  actor_org_unit_id uuid,
  actor_roles       text NOT NULL DEFAULT '',
  action            text NOT NULL,
  success           boolean NOT NULL,
  entity_type       text,
  entity_id         text,
  request_id        text,
  client_ip         text,
  reason            text,
  -- canonical JSON text of the changed field names/values (never secrets); hashed exactly as stored
  changes           text,
  prev_hash         text NOT NULL,
  hash              text NOT NULL
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_actor ON audit_event (actor_username, occurred_at);
CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id);

-- Append-only: the application can only INSERT. Retention purging is done by `qingyuan audit purge`
-- which sets qingyuan.audit_purge for its own transaction and only removes rows past retention.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('qingyuan.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Verification starts from the anchor after a retention purge (the hash of the last purged row).
CREATE TABLE audit_anchor (
  id        integer PRIMARY KEY CHECK (id = 1),
  after_seq bigint NOT NULL,
  hash      text NOT NULL
);
