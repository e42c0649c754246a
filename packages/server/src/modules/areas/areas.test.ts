import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AreaMap, AreaUpload, OrgUnit } from '@qingyuan/shared';
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
});
