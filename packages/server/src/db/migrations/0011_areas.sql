-- Area profiles (辖区概况): resident population (the base of per-10,000 rates) and the boundary shown on the
-- dashboard map (GeoJSON geometry, WGS 84 lon/lat). One row per org unit that has either.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE area_profile (
  org_unit_id  uuid PRIMARY KEY REFERENCES org_unit (id),
  residents    integer CHECK (residents BETWEEN 0 AND 100000000),
  geometry     jsonb,
  updated_by   uuid REFERENCES app_user (id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
