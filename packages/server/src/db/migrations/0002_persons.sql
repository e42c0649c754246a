-- Person registry (吸毒人员): identity, addresses, family contacts, detections (查获), relationships; the substance
-- catalogue as data. Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.
-- Encrypted columns (*_enc) hold `v1.<nonce>.<tag>.<ciphertext>` (AES-256-GCM, bound to table, column and row id);
-- equality search goes through keyed blind indexes (id_hash), never an unkeyed hash.

CREATE TABLE substance (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-zA-Z0-9]{1,31}$'),
  name_zh    text NOT NULL,
  category   text NOT NULL CHECK (category IN ('opioid','stimulant','dissociative','cannabinoid','sedative','nps','other')),
  sort_order integer NOT NULL,
  active     boolean NOT NULL DEFAULT true
);
INSERT INTO substance (code, name_zh, category, sort_order) VALUES
  ('heroin',          '海洛因',               'opioid',       10),
  ('methamphetamine', '甲基苯丙胺（冰毒）',     'stimulant',    20),
  ('ketamine',        '氯胺酮',               'dissociative', 30),
  ('cannabis',        '大麻',                 'cannabinoid',  40),
  ('mdma',            '摇头丸（MDMA）',        'stimulant',    50),
  ('cocaine',         '可卡因',               'stimulant',    60),
  ('nps',             '新精神活性物质',         'nps',          70),
  ('etomidate',       '依托咪酯',              'sedative',     80),
  ('methadone',       '美沙酮',               'opioid',       90),
  ('other',           '其他',                 'other',        999);

CREATE TABLE person (
  id                     uuid PRIMARY KEY,
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc          text NOT NULL,
  -- HMAC-SHA256(blind index key, 'idNumber:' || normalized number): one person per ID number.
  id_hash                text NOT NULL CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  birth_date             date NOT NULL,
  sex                    text NOT NULL CHECK (sex IN ('male','female')),
  ethnicity              text,
  phones_enc             text,
  registered_address_enc text,
  registered_org_unit_id uuid REFERENCES org_unit (id),
  residence_address_enc  text,
  residence_org_unit_id  uuid REFERENCES org_unit (id),
  org_unit_id            uuid NOT NULL REFERENCES org_unit (id),
  -- Copied from the responsible unit for scope (`org_path LIKE '<scope>%'`); rewritten when that unit moves.
  org_path               text NOT NULL,
  employment             text,
  notes                  text,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active','deceased','departed')),
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX person_id_hash ON person (id_hash);
CREATE INDEX person_org_path ON person (org_path text_pattern_ops);
CREATE INDEX person_org_unit ON person (org_unit_id);

CREATE TABLE person_contact (
  id         uuid PRIMARY KEY,
  person_id  uuid NOT NULL REFERENCES person (id),
  position   integer NOT NULL,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  relation   text NOT NULL CHECK (length(relation) BETWEEN 1 AND 20),
  phone_enc  text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_contact_person ON person_contact (person_id, position);

CREATE TABLE detection (
  id          uuid PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person (id),
  detected_on date NOT NULL,
  agency      text NOT NULL CHECK (length(agency) BETWEEN 1 AND 100),
  outcome     text NOT NULL CHECK (outcome IN ('administrativeDetention','communityTreatment','compulsoryIsolation','criminalDetention','fine','warning','other')),
  notes       text,
  -- The person's org_path when recorded, kept in step when the unit moves (scoped statistics need no join).
  org_path    text NOT NULL,
  created_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX detection_person ON detection (person_id, detected_on DESC);
CREATE INDEX detection_org_path ON detection (org_path text_pattern_ops, detected_on);

CREATE TABLE detection_substance (
  detection_id   uuid NOT NULL REFERENCES detection (id),
  substance_code text NOT NULL REFERENCES substance (code),
  PRIMARY KEY (detection_id, substance_code)
);

CREATE TABLE person_relationship (
  id                uuid PRIMARY KEY,
  person_id         uuid NOT NULL REFERENCES person (id),
  related_person_id uuid NOT NULL REFERENCES person (id),
  kind              text NOT NULL CHECK (kind IN ('family','coUser','supplier')),
  notes             text,
  created_by        uuid REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id <> related_person_id)
);
CREATE UNIQUE INDEX person_relationship_pair ON person_relationship (person_id, related_person_id, kind);
CREATE INDEX person_relationship_related ON person_relationship (related_person_id);
