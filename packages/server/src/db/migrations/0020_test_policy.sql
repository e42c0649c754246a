-- Test schedule per jurisdiction (issue #3 检测频次按辖区设置, docs/rules.md 检测频次): a unit's own test policy,
-- inherited by its subtree (the nearest unit with a row wins, else the default of packages/shared test-schedule.ts).
-- Keyed by the unit, not its path: the path is read through org_unit, so an area move needs no rewrite here.
-- The supervision figures read the policy (测试率、失联), so a write bumps their data version (0017).
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE test_policy (
  org_unit_id          uuid PRIMARY KEY REFERENCES org_unit (id),
  year1_months_between integer NOT NULL CHECK (year1_months_between BETWEEN 1 AND 12),
  year2_months_between integer NOT NULL CHECK (year2_months_between BETWEEN 1 AND 12),
  year3_months_between integer NOT NULL CHECK (year3_months_between BETWEEN 1 AND 12),
  min_months_between   integer NOT NULL CHECK (min_months_between BETWEEN 1 AND 12),
  risk_high            double precision NOT NULL CHECK (risk_high > 0 AND risk_high <= 4),
  risk_medium          double precision NOT NULL CHECK (risk_medium > 0 AND risk_medium <= 4),
  risk_low             double precision NOT NULL CHECK (risk_low > 0 AND risk_low <= 4),
  updated_by           uuid REFERENCES app_user (id),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE CONSTRAINT TRIGGER test_policy_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON test_policy
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
