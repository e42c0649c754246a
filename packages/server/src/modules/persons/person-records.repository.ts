import type { DetectionOutcome, RelationshipKind, Substance } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over the substance catalogue, detections (查获) and relationships between persons. */

export async function substances(db: Db): Promise<Substance[]> {
  const rows = await db
    .selectFrom('substance')
    .select(['code', 'name_zh', 'category'])
    .where('active', '=', true)
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name_zh, category: r.category }));
}

/** Those of `codes` that are active entries of the catalogue. */
export async function knownSubstances(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('substance').select('code').where('code', 'in', codes).where('active', '=', true).execute();
  return rows.map((r) => r.code);
}

export interface NewDetection {
  id: string;
  personId: string;
  detectedOn: string;
  agency: string;
  substances: readonly string[];
  outcome: DetectionOutcome;
  notes: string | null;
  orgPath: string;
  createdBy: string | null;
}

export async function insertDetections(db: Db, detections: readonly NewDetection[], at: Date): Promise<void> {
  for (let i = 0; i < detections.length; i += 1000) {
    const batch = detections.slice(i, i + 1000);
    await db
      .insertInto('detection')
      .values(batch.map((d) => ({
        id: d.id,
        person_id: d.personId,
        detected_on: d.detectedOn,
        agency: d.agency,
        outcome: d.outcome,
        notes: d.notes,
        org_path: d.orgPath,
        created_by: d.createdBy,
        created_at: at,
      })))
      .execute();
    const links = batch.flatMap((d) => d.substances.map((code) => ({ detection_id: d.id, substance_code: code })));
    if (links.length > 0) await db.insertInto('detection_substance').values(links).execute();
  }
}

export interface StoredDetection {
  id: string;
  detectedOn: string;
  agency: string;
  outcome: DetectionOutcome;
  notes: string | null;
  createdAt: Date;
  substances: { code: string; name: string }[];
}

/** A person's detections, newest first, each with its substances in catalogue order. */
export async function detectionsOf(db: Db, personId: string): Promise<StoredDetection[]> {
  const rows = await db
    .selectFrom('detection')
    .select(['id', 'detected_on', 'agency', 'outcome', 'notes', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('detected_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('detection_substance as ds')
    .innerJoin('substance as s', 's.code', 'ds.substance_code')
    .select(['ds.detection_id', 's.code', 's.name_zh'])
    .where('ds.detection_id', 'in', rows.map((r) => r.id))
    .orderBy('s.sort_order')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    detectedOn: r.detected_on,
    agency: r.agency,
    outcome: r.outcome as DetectionOutcome,
    notes: r.notes,
    createdAt: r.created_at,
    substances: links.filter((l) => l.detection_id === r.id).map((l) => ({ code: l.code, name: l.name_zh })),
  }));
}

export interface NewRelationship {
  id: string;
  personId: string;
  relatedPersonId: string;
  kind: RelationshipKind;
  notes: string | null;
  createdBy: string | null;
}

export async function insertRelationships(db: Db, relationships: readonly NewRelationship[], at: Date): Promise<void> {
  if (relationships.length === 0) return;
  await db
    .insertInto('person_relationship')
    .values(relationships.map((r) => ({
      id: r.id,
      person_id: r.personId,
      related_person_id: r.relatedPersonId,
      kind: r.kind,
      notes: r.notes,
      created_by: r.createdBy,
      created_at: at,
    })))
    .execute();
}

/** Whether the two persons are already linked with this kind, recorded from either side. */
export async function relationshipExists(db: Db, a: string, b: string, kind: RelationshipKind): Promise<boolean> {
  const row = await db
    .selectFrom('person_relationship')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) => eb.or([
      eb.and([eb('person_id', '=', a), eb('related_person_id', '=', b)]),
      eb.and([eb('person_id', '=', b), eb('related_person_id', '=', a)]),
    ]))
    .executeTakeFirst();
  return row !== undefined;
}

export interface StoredRelationship {
  id: string;
  kind: RelationshipKind;
  direction: 'outgoing' | 'incoming';
  notes: string | null;
  other: { id: string; name: string; idNumberEnc: string };
}

/** A person's relationships in both directions, keeping only those whose other person lies in the caller's scope. */
export async function relationshipsOf(db: Db, scope: Scope, personId: string): Promise<StoredRelationship[]> {
  const side = (direction: 'outgoing' | 'incoming') =>
    db
      .selectFrom('person_relationship as r')
      .innerJoin('person as p', 'p.id', direction === 'outgoing' ? 'r.related_person_id' : 'r.person_id')
      .select(['r.id', 'r.kind', 'r.notes', 'r.created_at', 'p.id as other_id', 'p.name as other_name', 'p.id_number_enc as other_id_number_enc'])
      .where(direction === 'outgoing' ? 'r.person_id' : 'r.related_person_id', '=', personId)
      .where((eb) => inScope(eb, 'p.org_path', scope, 'p.id'))
      .orderBy('r.created_at')
      .execute();
  // One after the other: inside a transaction there is one connection.
  const outgoing = await side('outgoing');
  const incoming = await side('incoming');
  const tag = (direction: 'outgoing' | 'incoming') => (r: (typeof outgoing)[number]): StoredRelationship => ({
    id: r.id,
    kind: r.kind as RelationshipKind,
    direction,
    notes: r.notes,
    other: { id: r.other_id, name: r.other_name, idNumberEnc: r.other_id_number_enc },
  });
  return [...outgoing.map(tag('outgoing')), ...incoming.map(tag('incoming'))];
}

/** A detection of this person on this day with this outcome: one typed by hand (no sanction) or one fed by a sanction. */
export async function detectionOn(db: Db, personId: string, detectedOn: string, outcome: string, fed: boolean): Promise<string | null> {
  const row = await db
    .selectFrom('detection')
    .select('id')
    .where('person_id', '=', personId)
    .where('detected_on', '=', detectedOn)
    .where('outcome', '=', outcome)
    .where('sanction_id', fed ? 'is not' : 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function linkSanction(db: Db, detectionId: string, sanctionId: string): Promise<void> {
  await db.updateTable('detection').set({ sanction_id: sanctionId }).where('id', '=', detectionId).execute();
}

export async function personPath(db: Db, personId: string): Promise<string | null> {
  return (await db.selectFrom('person').select('org_path').where('id', '=', personId).executeTakeFirst())?.org_path ?? null;
}
