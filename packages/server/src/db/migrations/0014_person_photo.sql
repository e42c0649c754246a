-- 照片: one photo per registered person (issue #3), replaced by a new upload and removed by a delete; the audit trail
-- keeps the digest of every version. The image is personal data: sealed (AES-256-GCM over its base64 text, place
-- person_photo.content_enc:<person id>), type sniffed from the content (JPEG or PNG only), at most 2 MB.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE person_photo (
  person_id    uuid PRIMARY KEY REFERENCES person (id),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg','image/png')),
  size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 2097152),
  -- Digest of the plain image: checked when the photo is served, recorded in the audit trail.
  sha256       text NOT NULL,
  content_enc  text NOT NULL,
  created_by   uuid REFERENCES app_user (id),
  created_at   timestamptz NOT NULL
);
