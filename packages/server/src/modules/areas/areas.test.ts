import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AreaMap, AreaUpload, IndicatorTable, OrgUnit } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

const square = (lon: number, lat: number): number[][] => [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]];
const key = (p: number[]): string => p.join(',');

describe('areas: resident population and map boundaries', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let units: OrgUnit[];
  const unit = (name: string): OrgUnit => {
    const found = units.find((u) => u.name === name);
    assert.ok(found, name);
    return found;
  };
  const profileCount = async (): Promise<number> =>
    Number((await app.platform.db.selectFrom('area_profile').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    units = await given(app).orgs(office);
  });
  after(() => app.close());

  it('ships the demo district as eight townships that tile the map, each with its residents', async () => {
    const response = await office.get('/api/areas/map');
    assert.equal(response.statusCode, 200, response.body);
    const map = response.json<AreaMap>();
    assert.equal(map.orgUnit.name, '示范区');
    assert.equal(map.features.length, 8);
    for (const f of map.features) {
      assert.ok(f.properties.residents !== null && f.properties.residents > 0, f.properties.name);
      assert.equal(f.geometry.type, 'Polygon');
    }
    // Neighbours share their border: every point of 清源街道's east edge is also on 明德街道's ring.
    const ring = (name: string): Set<string> => {
      const geometry = map.features.find((f) => f.properties.name === name)?.geometry;
      assert.ok(geometry?.type === 'Polygon');
      return new Set((geometry.coordinates[0] ?? []).map(key));
    };
    const shared = [...ring('清源街道')].filter((p) => ring('明德街道').has(p));
    assert.equal(shared.length, 3, 'two corners and the nudged midpoint');
  });

  it('shows a township its own villages only and answers 404 for a unit outside its subtree', async () => {
    const own = await township.get('/api/areas/map');
    assert.equal(own.statusCode, 200);
    assert.equal(own.json<AreaMap>().orgUnit.name, '清源街道');
    assert.equal(own.json<AreaMap>().features.length, 0, 'no village boundaries yet');
    assert.equal((await township.get(`/api/areas/map?orgUnitId=${unit('示范区').id}`)).statusCode, 404);
    assert.equal((await township2.get(`/api/areas/map?orgUnitId=${unit('清源街道').id}`)).statusCode, 404);
  });

  it('takes an uploaded FeatureCollection matched by name, id or division code, audited', async () => {
    const upload: AreaUpload = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '河畔社区' }, geometry: { type: 'Polygon', coordinates: [square(117.01, 31.9) as [number, number][]] } },
        { type: 'Feature', properties: { orgUnitId: unit('文昌社区').id }, geometry: { type: 'MultiPolygon', coordinates: [[square(117.03, 31.9) as [number, number][]], [square(117.05, 31.9) as [number, number][]]] } },
      ],
    };
    const response = await office.put('/api/areas/geometry', upload);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ updated: number }>().updated, 2);
    const map = (await township.get('/api/areas/map')).json<AreaMap>();
    assert.deepEqual(map.features.map((f) => f.properties.name).sort(), ['文昌社区', '河畔社区']);
    const audit = await app.platform.db.selectFrom('audit_event').select('action').where('action', '=', 'area.geometry_uploaded').execute();
    assert.equal(audit.length, 1);
  });

  it('refuses the whole upload when one feature names no unit in scope, an open ring or a point, naming the feature', async () => {
    const before = await profileCount();
    const good = { type: 'Feature', properties: { name: '明德社区' }, geometry: { type: 'Polygon', coordinates: [square(117.2, 31.8)] } };
    expectProblem(await office.put('/api/areas/geometry', { type: 'FeatureCollection', features: [good, { ...good, properties: { name: '不存在的村' } }] }), 400, 'features.1.properties');
    expectProblem(await office.put('/api/areas/geometry', { type: 'FeatureCollection', features: [good, good] }), 400, 'features.1.properties');
    const open = { ...good, geometry: { type: 'Polygon', coordinates: [square(117.2, 31.8).slice(0, 4)] } };
    const refused = await office.put('/api/areas/geometry', { type: 'FeatureCollection', features: [open] });
    expectProblem(refused, 400);
    assert.match(refused.body, /features\.0\.geometry/);
    expectProblem(await office.put('/api/areas/geometry', { type: 'FeatureCollection', features: [{ ...good, geometry: { type: 'Point', coordinates: [117, 31] } }] }), 400);
    // township2 may not draw 清源街道's community: the same answer as a unit that does not exist.
    expectProblem(await township2.put('/api/areas/geometry', { type: 'FeatureCollection', features: [{ ...good, properties: { name: '河畔社区' } }] }), 403);
    assert.equal(await profileCount(), before);
  });

  it('sets the residents of a unit in scope, audited with before and after; refuses others', async () => {
    const qingshan = unit('青山镇').id;
    const set = await office.put(`/api/areas/${qingshan}/residents`, { residents: 53000 });
    assert.equal(set.statusCode, 200, set.body);
    const row = await app.platform.db.selectFrom('area_profile').select('residents').where('org_unit_id', '=', qingshan).executeTakeFirstOrThrow();
    assert.equal(row.residents, 53000);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'area.residents_set').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.changes ?? '{}'), { residents: { from: 52800, to: 53000 } });
    expectProblem(await office.put(`/api/areas/${qingshan}/residents`, { residents: -1 }), 400, 'residents');
    expectProblem(await office.put(`/api/areas/${unit('区教育局').id}/residents`, { residents: 10 }), 400, 'orgUnitId');
    assert.equal((await township.put(`/api/areas/${qingshan}/residents`, { residents: 1 })).statusCode, 403);
  });

  it('lists every area unit with its residents, mapped or not; residents set for an unmapped unit give its per-10,000 rates', async () => {
    // A new street has no boundary: not on the map, but in the residents list, marked as such.
    const created = await office.post('/api/orgs', { parentId: unit('示范区').id, name: '新城街道', kind: 'street' });
    assert.equal(created.statusCode, 201, created.body);
    const street = created.json<{ id: string }>().id;
    const map = (await office.get('/api/areas/map')).json<AreaMap>();
    assert.equal(map.features.length, 8);
    assert.ok(!map.features.some((f) => f.properties.orgUnitId === street));
    assert.equal(map.units[0]?.name, '示范区', 'the unit itself comes first');
    assert.deepEqual(map.units.find((u) => u.orgUnitId === street), { orgUnitId: street, name: '新城街道', kind: 'street', residents: null, hasBoundary: false });
    assert.equal(map.units.filter((u) => u.hasBoundary).length, 8);
    assert.ok(map.units.filter((u) => u.kind === 'township' || u.kind === 'street').every((u) => u.residents !== null || u.orgUnitId === street));

    const rate = async (orgUnitId: string): Promise<{ current: string | null; per10k: string | null }> => {
      const response = await office.get(`/api/indicators/values?period=year&year=2026&codes=persons.current,persons.currentPer10k&orgUnitIds=${orgUnitId}`);
      assert.equal(response.statusCode, 200, response.body);
      const values = response.json<IndicatorTable>().values;
      return { current: values.find((v) => v.code === 'persons.current')?.value ?? null, per10k: values.find((v) => v.code === 'persons.currentPer10k')?.value ?? null };
    };
    assert.equal((await rate(street)).per10k, null, 'no residents, no rate');
    assert.equal((await office.put(`/api/areas/${street}/residents`, { residents: 20000 })).statusCode, 200);
    assert.equal((await office.get('/api/areas/map')).json<AreaMap>().units.find((u) => u.orgUnitId === street)?.residents, 20000);
    assert.equal((await rate(street)).per10k, '0.0');

    // A community of 清源街道 with persons and no boundary: its rate is its persons per 10,000 of the residents set.
    const own = (await township.get('/api/areas/map')).json<AreaMap>();
    assert.equal(own.units[0]?.name, '清源街道');
    const unmapped = own.units.filter((u) => !u.hasBoundary && u.kind !== 'township' && u.kind !== 'street');
    assert.ok(unmapped.length > 0);
    const counted = await Promise.all(unmapped.map(async (u) => ({ unit: u, ...(await rate(u.orgUnitId)) })));
    const withPersons = counted.find((c) => c.current !== null && Number(c.current) > 0);
    assert.ok(withPersons, 'an unmapped community with persons');
    assert.equal(withPersons.per10k, null);
    assert.equal((await office.put(`/api/areas/${withPersons.unit.orgUnitId}/residents`, { residents: 3000 })).statusCode, 200);
    const after = await rate(withPersons.unit.orgUnitId);
    assert.equal(after.per10k, (Math.round((Number(after.current) * 100_000) / 3000) / 10).toFixed(1));
    assert.ok(Number(after.per10k) > 0);
    // Bad input names the field and writes nothing.
    expectProblem(await office.put(`/api/areas/${street}/residents`, { residents: 1.5 }), 400, 'residents');
    assert.equal((await office.get('/api/areas/map')).json<AreaMap>().units.find((u) => u.orgUnitId === street)?.residents, 20000);
  });
});
