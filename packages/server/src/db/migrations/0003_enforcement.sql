-- Enforcement (缉毒执法): drug cases, suspects, seizures (drugs from the shared `substance` catalogue of 0002, precursor
-- chemicals), drug assets, administrative handling of drug use, and yearly targets. Forward-only; runs unchanged on
-- PostgreSQL 15+ and PGlite.
-- Every scoped row carries `org_path`, copied from the unit where the case happened (or the handling took place) and
-- rewritten when that unit moves, so figures over an org subtree are `org_path LIKE '<path>%'` without a join.
-- Quantities are exact: grams and kilograms numeric(14,3), money bigint fen. Never a float.

CREATE TABLE drug_case (
  id               uuid PRIMARY KEY,
  case_number      text NOT NULL CHECK (length(case_number) BETWEEN 1 AND 50),
  type             text NOT NULL CHECK (type IN ('trafficking','transport','manufacture','smuggling','possession','providingPremises',
                                                 'illegalPlanting','onlineTrafficking','precursor','inducement','forcing','harbouring','other')),
  level            text NOT NULL CHECK (level IN ('ordinary','major','extraordinary')),
  supervision      text CHECK (supervision IN ('ministry','province')),
  gang             boolean NOT NULL DEFAULT false,
  network          boolean NOT NULL DEFAULT false,
  family           boolean NOT NULL DEFAULT false,
  filed_on         date NOT NULL,
  solved_on        date,
  prosecuted_on    date,
  handling_unit_id uuid NOT NULL REFERENCES org_unit (id),
  org_unit_id      uuid NOT NULL REFERENCES org_unit (id),
  org_path         text NOT NULL,
  summary          text,
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by       uuid REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (solved_on IS NULL OR solved_on >= filed_on),
  CHECK (prosecuted_on IS NULL OR (solved_on IS NOT NULL AND prosecuted_on >= solved_on))
);
CREATE UNIQUE INDEX drug_case_number ON drug_case (case_number);
CREATE INDEX drug_case_filed ON drug_case (org_path text_pattern_ops, filed_on);
CREATE INDEX drug_case_solved ON drug_case (org_path text_pattern_ops, solved_on) WHERE solved_on IS NOT NULL;

CREATE TABLE suspect (
  id                    uuid PRIMARY KEY,
  case_id               uuid NOT NULL REFERENCES drug_case (id),
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc         text,
  -- HMAC-SHA256(blind index key, 'idNumber:' || normalized number): the same index as person.id_hash.
  id_hash               text CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  -- The registered person (吸毒人员) with this ID number, when found at recording time.
  person_id             uuid REFERENCES person (id),
  role                  text NOT NULL CHECK (role IN ('principal','accomplice','other')),
  caught_on             date,
  criminal_detention_on date,
  arrested_on           date,
  prosecuted_on         date,
  wanted_level          text CHECK (wanted_level IN ('A','B','C')),
  notes                 text,
  org_path              text NOT NULL,
  version               integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by            uuid REFERENCES app_user (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((id_number_enc IS NULL) = (id_hash IS NULL))
);
CREATE INDEX suspect_case ON suspect (case_id, created_at);
CREATE INDEX suspect_caught ON suspect (org_path text_pattern_ops, caught_on) WHERE caught_on IS NOT NULL;
CREATE INDEX suspect_id_hash ON suspect (id_hash) WHERE id_hash IS NOT NULL;

CREATE TABLE seizure (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES drug_case (id),
  drug       text NOT NULL REFERENCES substance (code),
  grams      numeric(14,3) NOT NULL CHECK (grams > 0),
  packets    integer CHECK (packets >= 0),
  seized_on  date NOT NULL,
  place      text,
  org_path   text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seizure_case ON seizure (case_id, seized_on);
CREATE INDEX seizure_org_path ON seizure (org_path text_pattern_ops, seized_on);

CREATE TABLE precursor_seizure (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES drug_case (id),
  chemical   text NOT NULL CHECK (length(chemical) BETWEEN 1 AND 50),
  kilograms  numeric(14,3) NOT NULL CHECK (kilograms > 0),
  seized_on  date NOT NULL,
  place      text,
  org_path   text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX precursor_seizure_case ON precursor_seizure (case_id, seized_on);
CREATE INDEX precursor_seizure_org_path ON precursor_seizure (org_path text_pattern_ops, seized_on);

CREATE TABLE drug_asset (
  id          uuid PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES drug_case (id),
  kind        text NOT NULL CHECK (kind IN ('seized','frozen','confiscated')),
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
  recorded_on date NOT NULL,
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drug_asset_case ON drug_asset (case_id, recorded_on);
CREATE INDEX drug_asset_org_path ON drug_asset (org_path text_pattern_ops, recorded_on);

-- 查处吸毒: one administrative decision on a person found using drugs.
CREATE TABLE drug_use_sanction (
  id               uuid PRIMARY KEY,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc    text NOT NULL,
  id_hash          text NOT NULL CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  person_id        uuid REFERENCES person (id),
  kind             text NOT NULL CHECK (kind IN ('administrativeDetention','fine','communityTreatment','compulsoryIsolation')),
  decided_on       date NOT NULL,
  detention_days   integer CHECK (detention_days BETWEEN 1 AND 15),
  fine_fen         bigint CHECK (fine_fen > 0),
  handling_unit_id uuid NOT NULL REFERENCES org_unit (id),
  org_unit_id      uuid NOT NULL REFERENCES org_unit (id),
  org_path         text NOT NULL,
  case_id          uuid REFERENCES drug_case (id),
  notes            text,
  created_by       uuid REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((detention_days IS NOT NULL) = (kind = 'administrativeDetention')),
  CHECK ((fine_fen IS NOT NULL) = (kind = 'fine'))
);
CREATE INDEX drug_use_sanction_org_path ON drug_use_sanction (org_path text_pattern_ops, decided_on);
CREATE INDEX drug_use_sanction_id_hash ON drug_use_sanction (id_hash);

-- 任务数: set by the office per unit, year and indicator; quarter 0 is the whole year, 1–4 a quarter's share.
CREATE TABLE enforcement_target (
  org_unit_id uuid NOT NULL REFERENCES org_unit (id),
  org_path    text NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter     smallint NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  indicator   text NOT NULL CHECK (indicator ~ '^[a-zA-Z][a-zA-Z0-9.]{1,63}$'),
  value       numeric(14,3) NOT NULL CHECK (value >= 0),
  updated_by  uuid REFERENCES app_user (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_unit_id, year, quarter, indicator)
);
CREATE INDEX enforcement_target_org_path ON enforcement_target (org_path text_pattern_ops, year);
