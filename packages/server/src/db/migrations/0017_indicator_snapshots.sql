-- Indicator snapshots (issue #6 "fast at scale", docs/indicators.md 规模): the supervision indicators are computed in
-- memory from every person's measures, clocks and (sealed) test results, which is seconds at 100k persons. A scheduled
-- job stores the figures of the standard periods per area unit here; a read uses a stored figure only when it was
-- computed from the current data version (or, for a screen that accepts it, is young enough), else computes live.
-- Every write to a table the figures read bumps the module's data version in the writing transaction, once per
-- transaction, at commit (a deferred constraint trigger: the counter row is locked only at the very end, after every
-- other lock the transaction takes, so it adds no deadlock). Only aggregate figures are stored, never a person.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE indicator_data_version (
  module  text PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO indicator_data_version (module, version) VALUES ('supervision', 0);

CREATE FUNCTION bump_indicator_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  marker text := 'qingyuan.bumped_' || TG_ARGV[0];
BEGIN
  IF current_setting(marker, true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE indicator_data_version SET version = version + 1 WHERE module = TG_ARGV[0];
    PERFORM set_config(marker, txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER person_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON person
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
CREATE CONSTRAINT TRIGGER measure_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON measure
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
CREATE CONSTRAINT TRIGGER measure_event_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON measure_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
CREATE CONSTRAINT TRIGGER drug_test_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON drug_test
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
CREATE CONSTRAINT TRIGGER violation_task_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON violation_task
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');
CREATE CONSTRAINT TRIGGER abstinence_review_bumps_supervision AFTER INSERT OR UPDATE OR DELETE ON abstinence_review
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_indicator_data_version('supervision');

CREATE TABLE indicator_snapshot (
  module       text NOT NULL,
  org_path     text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  data_version bigint NOT NULL,
  computed_at  timestamptz NOT NULL,
  -- {code: {value, numerator, denominator}}
  figures      jsonb NOT NULL,
  PRIMARY KEY (module, org_path, period_from, period_to)
);
