import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { CaseDetail, CreateCase, Figures, FigureRow, OrgUnit, Problem } from '@qingyuan/shared';
import { given } from './given.ts';
import type { Agent, TestApp } from './test-app.ts';
export { expectProblem } from './expect-problem.ts';

/** Factories and assertions shared by the enforcement test files. */


export function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** The parts of a problem that must not tell "not yours" from "not there". */
export function shape(response: LightMyRequestResponse): unknown {
  const { requestId: _requestId, ...rest } = response.json<Problem>();
  return { statusCode: response.statusCode, contentType: response.headers['content-type'], ...rest };
}

let nextNumber = 1;

export function enforcementGiven(app: TestApp) {
  let units: OrgUnit[] | null = null;
  const unit = async (name: string, parentName?: string): Promise<OrgUnit> => {
    units ??= await given(app).orgs(await app.login('office'));
    const all = units;
    const parent = parentName === undefined ? undefined : all.find((u) => u.name === parentName);
    const found = all.find((u) => u.name === name && (parent === undefined || u.parentId === parent.id));
    if (!found) throw new Error(`no unit ${name}`);
    return found;
  };
  return {
    unit,
    /** Records a case through the API: by default a trafficking case filed 2026-03-01 in `place`, handled by the brigade. */
    async case(as: Agent, place: string, fields: Partial<CreateCase> = {}): Promise<string> {
      const body: CreateCase = {
        caseNumber: `A34019920260${String(nextNumber++).padStart(5, '0')}`,
        type: 'trafficking',
        level: 'ordinary',
        filedAt: '2026-03-01',
        handlingUnitId: (await unit('公安分局禁毒大队')).id,
        orgUnitId: (await unit(place)).id,
        ...fields,
      };
      return createdId(await as.post('/api/cases', body));
    },
    async detail(as: Agent, id: string): Promise<CaseDetail> {
      const response = await as.get(`/api/cases/${id}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<CaseDetail>();
    },
    async figures(as: Agent, query: string): Promise<Figures> {
      const response = await as.get(`/api/enforcement/figures?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<Figures>();
    },
    async rowCount(table: 'drug_case' | 'suspect' | 'seizure' | 'precursor_seizure' | 'drug_asset' | 'drug_use_sanction' | 'enforcement_target' | 'audit_event'): Promise<number> {
      const row = await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export function row(figures: Figures, indicator: string): FigureRow {
  const found = figures.rows.find((r) => r.indicator === indicator);
  assert.ok(found, `no row ${indicator} in ${figures.rows.map((r) => r.indicator).join(', ')}`);
  return found;
}
