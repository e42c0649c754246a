import { AreaGeometry, type AreaMap, type AreaUpload, type AreaUploadResult, type OrgUnit } from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgsService } from '../orgs/index.ts';
import * as repo from './areas.repository.ts';

const AREA_KINDS = ['district', 'township', 'street', 'village', 'community', 'grid'];

/** Resident population and map boundaries of the units in the caller's scope. */
export class AreasService {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
  ) {}

  /**
   * The area children of a unit (default: the caller's own) with their boundaries and residents, and the list of the
   * unit and all its area children for the residents settings (a unit without a boundary still needs residents).
   */
  async map(ctx: AuthedContext, orgUnitId: string | undefined): Promise<AreaMap> {
    const parent = await this.orgs.get(ctx, orgUnitId ?? ctx.actor.orgUnitId);
    const children = (await this.orgs.list(ctx, false)).filter((u) => u.parentId === parent.id && AREA_KINDS.includes(u.kind));
    const profiles = await repo.profiles(this.platform.db, [parent.id, ...children.map((u) => u.id)]);
    const features: AreaMap['features'] = [];
    const units: AreaMap['units'] = [];
    // The unit itself first (its own residents give its own per-10,000 rates), then every area child, mapped or not.
    for (const unit of [...(AREA_KINDS.includes(parent.kind) ? [parent] : []), ...children]) {
      const profile = profiles.get(unit.id);
      const geometry = AreaGeometry.safeParse(profile?.geometry);
      units.push({ orgUnitId: unit.id, name: unit.name, kind: unit.kind, residents: profile?.residents ?? null, hasBoundary: geometry.success });
      if (!geometry.success || unit.id === parent.id) continue;
      features.push({ type: 'Feature', properties: { orgUnitId: unit.id, name: unit.name, residents: profile?.residents ?? null }, geometry: geometry.data });
    }
    return { orgUnit: { id: parent.id, name: parent.name }, type: 'FeatureCollection', features, units };
  }

  /** Resident population of the units (missing ones absent), for per-10,000 rates. */
  async residents(unitIds: readonly string[]): Promise<Map<string, number>> {
    const profiles = await repo.profiles(this.platform.db, unitIds);
    return new Map([...profiles].flatMap(([id, p]) => (p.residents === null ? [] : [[id, p.residents] as const])));
  }

  /**
   * Stores the boundaries of an uploaded FeatureCollection. Each feature must name one area unit in scope (by id,
   * division code or name); one bad feature refuses the whole upload (400 naming `features.N.properties`).
   */
  async upload(ctx: AuthedContext, upload: AreaUpload): Promise<AreaUploadResult> {
    const units = (await this.orgs.list(ctx, false)).filter((u) => AREA_KINDS.includes(u.kind));
    const matched: OrgUnit[] = upload.features.map((feature, i) => {
      const { orgUnitId, divisionCode, name } = feature.properties;
      const candidates = orgUnitId ? units.filter((u) => u.id === orgUnitId) : divisionCode ? units.filter((u) => u.divisionCode === divisionCode) : name ? units.filter((u) => u.name === name) : [];
      const field = `features.${String(i)}.properties`;
      if (!orgUnitId && !divisionCode && !name) throw invalidField(field, '请在属性中给出 orgUnitId、divisionCode 或 name');
      if (candidates.length === 0) throw invalidField(field, '找不到对应的单位，或不在您的管辖范围内');
      if (candidates.length > 1) throw invalidField(field, '名称对应多个单位，请改用 orgUnitId 或区划代码');
      const [unit] = candidates;
      if (!unit) throw invalidField(field, '找不到对应的单位');
      return unit;
    });
    const twice = matched.findIndex((u, i) => matched.findIndex((v) => v.id === u.id) !== i);
    if (twice >= 0) throw invalidField(`features.${String(twice)}.properties`, '同一单位出现了两次');
    await this.platform.db.transaction().execute(async (trx) => {
      for (const [i, unit] of matched.entries()) await repo.setGeometry(trx, unit.id, upload.features[i]?.geometry, ctx.actor.userId);
      await this.platform.audit.append(trx, ctx, { action: 'area.geometry_uploaded', entityType: 'org_unit', entityId: null, changes: { units: matched.map((u) => u.name) } });
    });
    return { updated: matched.length, units: matched.map((u) => ({ orgUnitId: u.id, name: u.name })) };
  }

  async setResidents(ctx: AuthedContext, orgUnitId: string, residents: number): Promise<void> {
    const unit = await this.orgs.get(ctx, orgUnitId);
    if (!AREA_KINDS.includes(unit.kind)) throw invalidField('orgUnitId', '只能为区、乡镇（街道）、村（社区）或网格设置常住人口');
    await this.platform.db.transaction().execute(async (trx) => {
      const before = await repo.setResidents(trx, unit.id, residents, ctx.actor.userId);
      await this.platform.audit.append(trx, ctx, { action: 'area.residents_set', entityType: 'org_unit', entityId: unit.id, changes: { residents: { from: before, to: residents } } });
    });
  }
}

