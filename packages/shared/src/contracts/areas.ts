import { z } from 'zod';
import { ORG_KINDS } from '../rules/org-units.ts';
import { plainText } from './common.ts';

/**
 * Area profiles (辖区概况): the resident population of a unit (常住人口, the base of "per 10,000 residents" rates)
 * and its boundary as GeoJSON for the dashboard map. The office uploads its own boundaries; the demo district ships
 * fictional ones.
 */

const Position = z.tuple([z.number('坐标应为数字').min(-180, '经度应在-180至180之间').max(180, '经度应在-180至180之间'), z.number('坐标应为数字').min(-90, '纬度应在-90至90之间').max(90, '纬度应在-90至90之间')]);
const Ring = z.array(Position).min(4, '边界至少需要4个点（首尾相同）').max(20_000, '边界点数过多').refine((ring) => {
  const [a, b] = [ring[0], ring[ring.length - 1]];
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}, '边界首尾两点应相同（闭合）');

export const AreaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1, '缺少边界').max(100, '内环过多') }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1, '缺少边界').max(100, '内环过多')).min(1, '缺少边界').max(100, '多边形过多') }),
], '边界应为 Polygon 或 MultiPolygon');
export type AreaGeometry = z.infer<typeof AreaGeometry>;

/** A feature of an uploaded FeatureCollection, matched to a unit by id, division code or name (in that order). */
export const AreaFeatureInput = z.object({
  type: z.literal('Feature', '应为 GeoJSON Feature'),
  properties: z.object({
    orgUnitId: z.uuid('单位编号格式不正确').optional(),
    divisionCode: plainText().max(12).optional(),
    name: plainText().max(50).optional(),
  }).loose(),
  geometry: AreaGeometry,
});

export const AreaUpload = z.object({
  type: z.literal('FeatureCollection', '应为 GeoJSON FeatureCollection'),
  features: z.array(AreaFeatureInput).min(1, '至少包含一个区域').max(500, '区域过多（最多500个）'),
});
export type AreaUpload = z.infer<typeof AreaUpload>;

export const AreaUploadResult = z.object({ updated: z.number().int(), units: z.array(z.object({ orgUnitId: z.uuid(), name: z.string() })) });
export type AreaUploadResult = z.infer<typeof AreaUploadResult>;

export const PutResidents = z.object({ residents: z.number('常住人口应为整数').int('常住人口应为整数').min(0, '常住人口不能为负数').max(100_000_000, '常住人口过大') });
export type PutResidents = z.infer<typeof PutResidents>;

export const AreaMapQuery = z.object({ orgUnitId: z.uuid('单位编号格式不正确').optional() });

/**
 * A unit whose residents the settings list edits: the unit itself and each of its area children, whether or not a
 * boundary was uploaded (per-10,000 rates need residents, not a map).
 */
export const AreaUnit = z.object({
  orgUnitId: z.uuid(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  residents: z.number().int().nullable(),
  hasBoundary: z.boolean(),
});
export type AreaUnit = z.infer<typeof AreaUnit>;

/**
 * The children of a unit with their boundaries, as a FeatureCollection ECharts can register as a map (`features`:
 * mapped children only), and `units`: the unit and every area child with its residents, mapped or not.
 */
export const AreaMap = z.object({
  orgUnit: z.object({ id: z.uuid(), name: z.string() }),
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    properties: z.object({ orgUnitId: z.uuid(), name: z.string(), residents: z.number().int().nullable() }),
    geometry: AreaGeometry,
  })),
  units: z.array(AreaUnit),
});
export type AreaMap = z.infer<typeof AreaMap>;
