import {
  ASSET_KIND_LABELS,
  GRAM_SCALE,
  SUSPECT_ROLE_LABELS,
  fenToYuan,
  normalizeDecimal,
  type AssetDto,
  type CaseListItem,
  type CaseStatus,
  type PrecursorSeizureDto,
  type SeizureDto,
  type SuspectDto,
  type TimelineEntry,
} from '@qingyuan/shared';
import type { IdentityCodec } from './identity-codec.ts';
import type { CaseListRow, StoredAsset, StoredCase, StoredPrecursorSeizure, StoredSeizure, StoredSuspect } from './cases.repository.ts';

/** Maps stored records to the API's shapes: masked identities, exact decimal text, a dated timeline. */

export function caseStatus(c: Pick<StoredCase, 'solvedAt' | 'prosecutedAt'>): CaseStatus {
  if (c.prosecutedAt !== null) return 'prosecuted';
  return c.solvedAt !== null ? 'solved' : 'filed';
}

export function caseListItem(row: CaseListRow, unitName: (id: string) => string): CaseListItem {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    type: row.type,
    level: row.level,
    supervision: row.supervision,
    status: caseStatus(row),
    filedAt: row.filedAt,
    solvedAt: row.solvedAt,
    prosecutedAt: row.prosecutedAt,
    orgUnit: { id: row.orgUnitId, name: unitName(row.orgUnitId) },
    handlingUnit: { id: row.handlingUnitId, name: unitName(row.handlingUnitId) },
    suspectCount: row.suspectCount,
    grams: normalizeDecimal(row.grams, GRAM_SCALE),
  };
}

export function suspectDto(s: StoredSuspect, codec: IdentityCodec): SuspectDto {
  return {
    id: s.id,
    name: s.name,
    idNumberMasked: codec.masked('suspect', s.id, s.idNumberEnc),
    personId: s.personId,
    role: s.role,
    caughtAt: s.caughtAt,
    criminalDetentionAt: s.criminalDetentionAt,
    arrestedAt: s.arrestedAt,
    prosecutedAt: s.prosecutedAt,
    wantedLevel: s.wantedLevel,
    notes: s.notes,
    version: s.version,
  };
}

export function seizureDto(s: StoredSeizure, drugName: (code: string) => string): SeizureDto {
  return { id: s.id, drug: s.drug, drugName: drugName(s.drug), grams: normalizeDecimal(s.grams, GRAM_SCALE), packets: s.packets, seizedAt: s.seizedAt, place: s.place };
}

export function precursorDto(s: StoredPrecursorSeizure): PrecursorSeizureDto {
  return { ...s, kilograms: normalizeDecimal(s.kilograms, GRAM_SCALE) };
}

export function assetDto(a: StoredAsset): AssetDto {
  return { id: a.id, kind: a.kind, amount: fenToYuan(a.amountFen), description: a.description, recordedAt: a.recordedAt };
}

const KIND_ORDER: TimelineEntry['kind'][] = [
  'filed', 'caught', 'seizure', 'precursorSeizure', 'criminalDetention', 'asset', 'arrested', 'solved', 'suspectProsecuted', 'prosecuted',
];

/** Everything recorded on a case, by date (within a day: filing first, prosecution last). */
export function timeline(
  c: StoredCase,
  suspects: readonly SuspectDto[],
  seizures: readonly SeizureDto[],
  precursors: readonly PrecursorSeizureDto[],
  assets: readonly AssetDto[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ on: c.filedAt, kind: 'filed', text: '立案' }];
  if (c.solvedAt) entries.push({ on: c.solvedAt, kind: 'solved', text: '破案' });
  if (c.prosecutedAt) entries.push({ on: c.prosecutedAt, kind: 'prosecuted', text: '移送起诉' });
  for (const s of suspects) {
    const who = `${s.name}（${SUSPECT_ROLE_LABELS[s.role]}）`;
    if (s.caughtAt) entries.push({ on: s.caughtAt, kind: 'caught', text: s.wantedLevel ? `抓获逃犯 ${who}` : `抓获 ${who}` });
    if (s.criminalDetentionAt) entries.push({ on: s.criminalDetentionAt, kind: 'criminalDetention', text: `刑事拘留 ${who}` });
    if (s.arrestedAt) entries.push({ on: s.arrestedAt, kind: 'arrested', text: `逮捕 ${who}` });
    if (s.prosecutedAt) entries.push({ on: s.prosecutedAt, kind: 'suspectProsecuted', text: `起诉 ${who}` });
  }
  for (const z of seizures) {
    const packets = z.packets ? `，零包 ${String(z.packets)} 包` : '';
    entries.push({ on: z.seizedAt, kind: 'seizure', text: `缴获${z.drugName} ${z.grams} 克${packets}${z.place ? `（${z.place}）` : ''}` });
  }
  for (const p of precursors) entries.push({ on: p.seizedAt, kind: 'precursorSeizure', text: `缴获制毒物品${p.chemical} ${p.kilograms} 千克` });
  for (const a of assets) entries.push({ on: a.recordedAt, kind: 'asset', text: `${ASSET_KIND_LABELS[a.kind]}涉毒资产 ${a.amount} 元：${a.description}` });
  return entries.sort((x, y) => x.on.localeCompare(y.on) || KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
}
