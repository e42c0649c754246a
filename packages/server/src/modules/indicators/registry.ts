import type { DateRange } from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * The indicator layer (issue #6): every indicator is registered once with its definition, and computed by its
 * module's provider for (org subtree, period). Enforcement and persons/supervision register here today; dashboards,
 * the indicator explorer and the bulletins read figures only through this registry.
 */

export interface IndicatorArea {
  /** The caller's scope (what they may see at all). */
  scope: Scope;
  /** The subtree asked for: a path inside the scope. */
  path: string;
  /**
   * Request-scoped memo for providers: one request (a dashboard, an index, a bulletin) asks for several periods and
   * areas; what was read for an area serves its other periods and its sub-areas. Never kept across requests.
   */
  memo?: Map<string, unknown>;
  /**
   * The indicators the caller reads (default: all). A provider may skip the work of the others and leave them out of
   * its figures — e.g. not scan a table none of them reads.
   */
  wanted?: ReadonlySet<string>;
}

export interface IndicatorDefinition {
  code: string;
  label: string;
  /** '件', '人', '克', '元', '%', … */
  unit: string;
  /** The module that owns it (and computes it). */
  module: string;
  /** How it is counted, in Chinese. */
  definition: string;
  /** Counts and amounts add up the org tree; rates are recomputed from their summed numerator and denominator. */
  aggregation: 'sum' | 'ratio';
  /** Whether a target (任务数) can be set for it. */
  target: boolean;
  /** The definition's version: a change of definition gets a new version, so old figures stay reproducible. */
  version: number;
}

export interface IndicatorFigure {
  /** Exact decimal text ('91', '100.000', '72.0'); null for a rate with nobody in the denominator. */
  value: string | null;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorProvider {
  module: string;
  definitions: readonly IndicatorDefinition[];
  /** All of this provider's indicators for one subtree and period, in one pass. `today` bounds what is counted. */
  compute(db: Db, area: IndicatorArea, range: DateRange, today: string): Promise<Map<string, IndicatorFigure>>;
  /** Optional: several periods at once (one scan for a trend's months); the registry loops `compute` otherwise. */
  computeMany?(db: Db, area: IndicatorArea, ranges: readonly DateRange[], today: string): Promise<Map<string, IndicatorFigure>[]>;
  /** Optional: the figures of several units (paths under area.path) from one computation over the area, by path. */
  computeUnits?(db: Db, area: IndicatorArea, paths: readonly string[], range: DateRange, today: string): Promise<Map<string, Map<string, IndicatorFigure>>>;
}

export class IndicatorRegistry {
  private readonly providers: IndicatorProvider[] = [];

  register(provider: IndicatorProvider): void {
    for (const d of provider.definitions) {
      if (this.definition(d.code)) throw new Error(`indicator ${d.code} registered twice`);
    }
    this.providers.push(provider);
  }

  definitions(module?: string): IndicatorDefinition[] {
    return this.providers.filter((p) => module === undefined || p.module === module).flatMap((p) => p.definitions);
  }

  definition(code: string): IndicatorDefinition | null {
    for (const p of this.providers) {
      const found = p.definitions.find((d) => d.code === code);
      if (found) return found;
    }
    return null;
  }

  /** The figures of one module (or all) for a subtree and period. */
  async compute(db: Db, area: IndicatorArea, range: DateRange, today: string, module?: string): Promise<Map<string, IndicatorFigure>> {
    return (await this.computeMany(db, area, [range], today, module))[0] ?? new Map();
  }

  /** The same for several periods: one map per range, in order. */
  async computeMany(db: Db, area: IndicatorArea, ranges: readonly DateRange[], today: string, module?: string): Promise<Map<string, IndicatorFigure>[]> {
    const out = ranges.map(() => new Map<string, IndicatorFigure>());
    for (const p of this.providers) {
      if (module !== undefined && p.module !== module) continue;
      let figures: Map<string, IndicatorFigure>[] = [];
      if (p.computeMany) figures = await p.computeMany(db, area, ranges, today);
      else for (const range of ranges) figures.push(await p.compute(db, area, range, today));
      figures.forEach((f, i) => {
        for (const [code, figure] of f) out[i]?.set(code, figure);
      });
    }
    return out;
  }

  /**
   * The figures of several units (paths under `area.path`) for one period, by path: one computation over the area
   * where the provider can (a dashboard's townships), one per unit otherwise.
   */
  async computeUnits(db: Db, area: IndicatorArea, paths: readonly string[], range: DateRange, today: string, module?: string): Promise<Map<string, Map<string, IndicatorFigure>>> {
    const out = new Map(paths.map((path) => [path, new Map<string, IndicatorFigure>()]));
    for (const p of this.providers) {
      if (module !== undefined && p.module !== module) continue;
      for (const [path, figures] of await computeUnitsOf(p, db, area, paths, range, today)) {
        for (const [code, figure] of figures) out.get(path)?.set(code, figure);
      }
    }
    return out;
  }
}

/** A provider's figures for several units: its own `computeUnits` if it has one, else `compute` per unit. */
export async function computeUnitsOf(
  provider: IndicatorProvider, db: Db, area: IndicatorArea, paths: readonly string[], range: DateRange, today: string,
): Promise<Map<string, Map<string, IndicatorFigure>>> {
  if (paths.length === 0) return new Map();
  if (provider.computeUnits) return provider.computeUnits(db, area, paths, range, today);
  const out = new Map<string, Map<string, IndicatorFigure>>();
  for (const path of paths) out.set(path, await provider.compute(db, { ...area, path }, range, today));
  return out;
}
