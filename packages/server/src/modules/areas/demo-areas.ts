import type { OrgUnit } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './areas.repository.ts';

/**
 * Fictional boundaries and populations for the demo district: its townships tile a 4 × 2 grid whose corners and edge
 * midpoints are nudged by a fixed pattern, so the map looks like a county, neighbours share their borders exactly,
 * and every run draws the same map. Not a real place.
 */
const COLUMNS = 4;
const ROWS = 2;
const WEST = 117.02;
const NORTH = 31.92;
const CELL_LON = 0.085;
const CELL_LAT = 0.075;
const NUDGE = [0.31, -0.22, 0.17, -0.4, 0.05, 0.27, -0.13, 0.36, -0.29, 0.11, -0.06, 0.22, -0.35, 0.19, 0.08, -0.18];

const nudge = (k: number): number => NUDGE[k % NUDGE.length] ?? 0;

/** A grid corner, nudged inside the district and fixed on its outline. */
function corner(i: number, j: number): [number, number] {
  const k = i * 7 + j * 3;
  const dx = i === 0 || i === COLUMNS ? 0 : nudge(k) * CELL_LON * 0.35;
  const dy = j === 0 || j === ROWS ? 0 : nudge(k + 5) * CELL_LAT * 0.35;
  return [round(WEST + i * CELL_LON + dx), round(NORTH - j * CELL_LAT + dy)];
}

/** The middle of an edge, pushed sideways so borders are not straight; the same point for both neighbours. */
function midpoint(a: [number, number], b: [number, number], k: number): [number, number] {
  const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const [nx, ny] = [-(b[1] - a[1]), b[0] - a[0]];
  const push = nudge(k) * 0.18;
  return [round(mx + nx * push), round(my + ny * push)];
}

const round = (v: number): number => Math.round(v * 1e5) / 1e5;

function edge(a: [number, number], b: [number, number], key: number, outline: boolean): [number, number][] {
  return outline ? [a] : [a, midpoint(a, b, key)];
}

/** The polygon of grid cell (i, j): corners clockwise with the midpoints of inner edges between them. */
export function cellPolygon(i: number, j: number): [number, number][] {
  const nw = corner(i, j);
  const ne = corner(i + 1, j);
  const se = corner(i + 1, j + 1);
  const sw = corner(i, j + 1);
  // An inner edge's midpoint is computed from its canonical direction (west→east, north→south) and key, so
  // both cells that share the edge get the same point: the bottom and left edges are walked backwards.
  const horizontal = (row: number, col: number) => 100 + row * 10 + col;
  const vertical = (row: number, col: number) => 200 + row * 10 + col;
  const ring: [number, number][] = [
    ...edge(nw, ne, horizontal(j, i), j === 0),
    ...edge(ne, se, vertical(j, i + 1), i + 1 === COLUMNS),
    ...(j + 1 === ROWS ? [se] : [se, midpoint(sw, se, horizontal(j + 1, i))]),
    ...(i === 0 ? [sw] : [sw, midpoint(nw, sw, vertical(j, i))]),
  ];
  return [...ring, nw];
}

const RESIDENTS = [86_000, 74_500, 61_200, 52_800, 38_900, 45_600, 27_300, 31_400];

/** Stores the demo district's population and its townships' boundaries and populations. */
export async function demoAreaProfiles(db: Db, district: OrgUnit, townships: readonly OrgUnit[]): Promise<void> {
  await repo.setResidents(db, district.id, RESIDENTS.slice(0, townships.length).reduce((a, b) => a + b, 0), null);
  for (const [t, township] of townships.entries()) {
    if (t >= COLUMNS * ROWS) break;
    await repo.setResidents(db, township.id, RESIDENTS[t] ?? 30_000, null);
    await repo.setGeometry(db, township.id, { type: 'Polygon', coordinates: [cellPolygon(t % COLUMNS, Math.floor(t / COLUMNS))] }, null);
  }
}
