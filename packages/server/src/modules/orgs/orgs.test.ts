import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { OrgUnit } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { expectProblem } from '../../testing/expect-problem.ts';

type OrgList = { items: OrgUnit[]; total: number };


function created(response: LightMyRequestResponse): OrgUnit {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<OrgUnit>();
}

function ok(response: LightMyRequestResponse): OrgUnit {
  assert.equal(response.statusCode, 200, response.body);
  return response.json<OrgUnit>();
}

describe('org tree', () => {
  let app: TestApp;
  let office: Agent;
  let all: () => Promise<OrgUnit[]>;
  /** The unit called `name` directly under the unit called `parentName`. */
  let childOf: (parentName: string, name: string) => Promise<OrgUnit>;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    all = () => given(app).orgs(office);
    childOf = async (parentName, name) => {
      const units = await all();
      const parent = units.find((u) => u.name === parentName);
      const found = units.find((u) => u.parentId === parent?.id && u.name === name);
      if (!found) throw new Error(`no ${name} under ${parentName}`);
      return found;
    };
  });
  after(() => app.close());

  describe('create', () => {
    it('creates a village under a township with the right path and depth, lists it and audits it', async () => {
      const township = await given(app).orgNamed('青山镇');
      const unit = created(await office.post('/api/orgs', { parentId: township.id, name: '新建测试村', kind: 'village' }));
      assert.equal(unit.parentId, township.id);
      assert.equal(unit.kind, 'village');
      assert.equal(unit.active, true);
      assert.equal(unit.divisionCode, null);
      assert.equal(unit.path, `${township.path}${unit.id}/`);
      assert.equal(unit.depth, township.depth + 1);
      assert.equal(unit.depth, 2);

      const listed = (await office.get('/api/orgs')).json<OrgList>();
      assert.ok(listed.items.some((u) => u.id === unit.id));
      assert.equal(listed.total, listed.items.length);
      assert.deepEqual(ok(await office.get(`/api/orgs/${unit.id}`)), unit);

      const audit = await app.platform.db
        .selectFrom('audit_event')
        .select(['action', 'actor_username', 'success', 'changes'])
        .where('entity_type', '=', 'org_unit')
        .where('entity_id', '=', unit.id)
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.action, 'org.created');
      assert.equal(audit[0]?.actor_username, 'office');
      assert.equal(audit[0]?.success, true);
      assert.match(audit[0]?.changes ?? '', /新建测试村/);
    });

    it('trims the name and accepts a village code that extends its township code', async () => {
      const township = await given(app).orgNamed('青山镇');
      assert.equal(township.divisionCode, '340199004000');
      const unit = created(
        await office.post('/api/orgs', { parentId: township.id, name: '  带代码测试村 ', kind: 'village', divisionCode: '340199004299' }),
      );
      assert.equal(unit.name, '带代码测试村');
      assert.equal(unit.divisionCode, '340199004299');
    });

    it('refuses a grid directly under a township (400 kind) and writes nothing', async () => {
      const township = await given(app).orgNamed('白石镇');
      const before = await given(app).rowCount('org_unit');
      const audits = await given(app).rowCount('audit_event');
      const response = await office.post('/api/orgs', { parentId: township.id, name: '越级网格', kind: 'grid' });
      const problem = expectProblem(response, 400, 'kind');
      assert.equal(problem.code, 'validation');
      assert.match(problem.title, /网格的上级必须是村或社区/);
      assert.equal(await given(app).rowCount('org_unit'), before);
      assert.equal(await given(app).rowCount('audit_event'), audits);
    });

    it('refuses a second district, a township under a township and anything under a grid', async () => {
      const district = await given(app).orgNamed('示范区');
      const township = await given(app).orgNamed('白石镇');
      const grid = await childOf('白石村', '第1网格');
      expectProblem(await office.post('/api/orgs', { parentId: district.id, name: '第二区', kind: 'district' }), 400, 'kind');
      expectProblem(await office.post('/api/orgs', { parentId: township.id, name: '镇中镇', kind: 'township' }), 400, 'kind');
      expectProblem(await office.post('/api/orgs', { parentId: grid.id, name: '网格下网格', kind: 'grid' }), 400, 'kind');
    });

    it('refuses an unknown kind and a malformed parentId, naming the field', async () => {
      const township = await given(app).orgNamed('白石镇');
      expectProblem(await office.post('/api/orgs', { parentId: township.id, name: '怪单位', kind: 'planet' }), 400, 'kind');
      expectProblem(await office.post('/api/orgs', { parentId: 'not-a-uuid', name: '怪单位', kind: 'village' }), 400, 'parentId');
      expectProblem(
        await office.post('/api/orgs', { parentId: '00000000-0000-4000-8000-000000000000', name: '孤儿村', kind: 'village' }),
        400,
        'parentId',
      );
      expectProblem(await office.post('/api/orgs', { parentId: township.id, name: '   ', kind: 'village' }), 400, 'name');
      expectProblem(await office.post('/api/orgs', { parentId: township.id, name: '长'.repeat(101), kind: 'village' }), 400, 'name');
    });

    it('refuses a division code with the wrong prefix (400 divisionCode) and a taken one (409 divisionCode)', async () => {
      const street = await given(app).orgNamed('清源街道');
      assert.equal(street.divisionCode, '340199001000');
      const before = await given(app).rowCount('org_unit');
      const wrongPrefix = await office.post('/api/orgs', { parentId: street.id, name: '错码社区', kind: 'community', divisionCode: '340199002099' });
      assert.match(expectProblem(wrongPrefix, 400, 'divisionCode').title, /前9位/);
      expectProblem(await office.post('/api/orgs', { parentId: street.id, name: '错码社区', kind: 'community', divisionCode: '3401990010' }), 400, 'divisionCode');
      expectProblem(await office.post('/api/orgs', { parentId: street.id, name: '错码社区', kind: 'community', divisionCode: '340199001000' }), 400, 'divisionCode');

      const riverside = await childOf('清源街道', '河畔社区');
      assert.ok(riverside.divisionCode);
      const taken = await office.post('/api/orgs', { parentId: street.id, name: '重码社区', kind: 'community', divisionCode: riverside.divisionCode });
      const problem = expectProblem(taken, 409, 'divisionCode');
      assert.equal(problem.code, 'conflict');
      assert.equal(await given(app).rowCount('org_unit'), before);
    });

    it('refuses a division code on a grid or a department', async () => {
      const community = await childOf('清源街道', '河畔社区');
      const district = await given(app).orgNamed('示范区');
      expectProblem(await office.post('/api/orgs', { parentId: community.id, name: '第9网格', kind: 'grid', divisionCode: '340199001099' }), 400, 'divisionCode');
      expectProblem(await office.post('/api/orgs', { parentId: district.id, name: '区某局', kind: 'department', divisionCode: '340199' }), 400, 'divisionCode');
    });

    it('refuses a duplicate name under the same parent (409 name) but allows it under another parent', async () => {
      const township = await given(app).orgNamed('青山镇');
      const problem = expectProblem(await office.post('/api/orgs', { parentId: township.id, name: '石桥村', kind: 'village' }), 409, 'name');
      assert.equal(problem.code, 'conflict');
      const other = await given(app).orgNamed('柳河镇');
      created(await office.post('/api/orgs', { parentId: other.id, name: '石桥村', kind: 'village' }));
    });

    it('answers parallel creates of the same name with one 201 and 409s, never 500', async () => {
      const township = await given(app).orgNamed('桃源乡');
      const before = await given(app).rowCount('org_unit');
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => office.post('/api/orgs', { parentId: township.id, name: '并发测试村', kind: 'village' })),
      );
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409], responses.map((r) => r.body).join('\n'));
      assert.equal(await given(app).rowCount('org_unit'), before + 1);
    });
  });

  describe('update', () => {
    it('renames a unit and audits the change', async () => {
      const village = await childOf('白石镇', '龙井村');
      const renamed = ok(await office.patch(`/api/orgs/${village.id}`, { name: '龙泉村' }));
      assert.equal(renamed.name, '龙泉村');
      assert.equal(renamed.path, village.path);
      assert.equal(renamed.divisionCode, village.divisionCode, 'untouched');
      const audit = await app.platform.db
        .selectFrom('audit_event')
        .select('changes')
        .where('action', '=', 'org.updated')
        .where('entity_id', '=', village.id)
        .executeTakeFirstOrThrow();
      assert.match(audit.changes ?? '', /龙井村/);
      assert.match(audit.changes ?? '', /龙泉村/);
    });

    it('refuses a rename onto a sibling name (409 name) and an empty patch (400)', async () => {
      const village = await childOf('白石镇', '梅岭村');
      expectProblem(await office.patch(`/api/orgs/${village.id}`, { name: '新田村' }), 409, 'name');
      expectProblem(await office.patch(`/api/orgs/${village.id}`, {}), 400);
      assert.equal(ok(await office.get(`/api/orgs/${village.id}`)).name, '梅岭村');
    });

    it('changes, validates and clears the division code', async () => {
      const village = await childOf('白石镇', '上湾村');
      expectProblem(await office.patch(`/api/orgs/${village.id}`, { divisionCode: '340199001288' }), 400, 'divisionCode');
      const taken = await childOf('白石镇', '下湾村');
      expectProblem(await office.patch(`/api/orgs/${village.id}`, { divisionCode: taken.divisionCode }), 409, 'divisionCode');
      assert.equal(ok(await office.patch(`/api/orgs/${village.id}`, { divisionCode: '340199005288' })).divisionCode, '340199005288');
      assert.equal(ok(await office.patch(`/api/orgs/${village.id}`, { divisionCode: null })).divisionCode, null);
      const grid = await childOf('白石村', '第1网格');
      expectProblem(await office.patch(`/api/orgs/${grid.id}`, { divisionCode: '340199005299' }), 400, 'divisionCode');
    });

    it('answers 404 for a missing id and 400 for a malformed one', async () => {
      expectProblem(await office.patch('/api/orgs/00000000-0000-4000-8000-000000000000', { name: '无' }), 404);
      expectProblem(await office.get('/api/orgs/not-a-uuid'), 400, 'id');
    });
  });

  describe('move', () => {
    it('moves a community with its grids to another street, rewriting paths and depths of the whole subtree', async () => {
      const from = await given(app).orgNamed('清源街道');
      const to = await given(app).orgNamed('长宁街道');
      const community = await childOf('清源街道', '东门社区');
      const gridsBefore = (await all()).filter((u) => u.parentId === community.id);
      assert.equal(gridsBefore.length, 2);

      const moved = ok(await office.post(`/api/orgs/${community.id}/move`, { newParentId: to.id, divisionCode: null }));
      assert.equal(moved.parentId, to.id);
      assert.equal(moved.path, `${to.path}${community.id}/`);
      assert.equal(moved.depth, to.depth + 1);

      const units = await all();
      const grids = units.filter((u) => u.parentId === community.id);
      assert.deepEqual(grids.map((g) => g.id).sort(), gridsBefore.map((g) => g.id).sort());
      for (const grid of grids) {
        assert.equal(grid.path, `${moved.path}${grid.id}/`);
        assert.equal(grid.depth, moved.depth + 1);
      }
      // Nothing of the subtree is left under the old street, and paths stay unique.
      assert.ok(!units.some((u) => u.path.startsWith(`${from.path}${community.id}/`)));
      assert.equal(new Set(units.map((u) => u.path)).size, units.length);
      const rows = await app.platform.db.selectFrom('org_unit').select(['id', 'path', 'depth']).where('path', 'like', `${moved.path}%`).execute();
      assert.equal(rows.length, 3);
      for (const row of rows) assert.equal(row.depth, row.path.split('/').filter(Boolean).length - 1);

      const audit = await app.platform.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', community.id)
        .where('action', '=', 'org.moved')
        .execute();
      assert.equal(audit.length, 1);
    });

    it('refuses to move a unit under itself or its own descendant (400 newParentId), writing nothing', async () => {
      const street = await given(app).orgNamed('长宁街道');
      const community = await childOf('长宁街道', '青云社区');
      const grid = await childOf('青云社区', '第1网格');
      expectProblem(await office.post(`/api/orgs/${street.id}/move`, { newParentId: community.id }), 400, 'newParentId');
      expectProblem(await office.post(`/api/orgs/${community.id}/move`, { newParentId: grid.id }), 400, 'newParentId');
      expectProblem(await office.post(`/api/orgs/${community.id}/move`, { newParentId: community.id }), 400, 'newParentId');
      assert.equal(ok(await office.get(`/api/orgs/${street.id}`)).path, street.path);
      assert.equal(ok(await office.get(`/api/orgs/${community.id}`)).parentId, street.id);
    });

    it('refuses a move that breaks the kind rules, or under an unknown parent', async () => {
      const village = await childOf('柳河镇', '沙洲村');
      const grid = await childOf('柳河村', '第1网格');
      const district = await given(app).orgNamed('示范区');
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: district.id }), 400, 'newParentId');
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: grid.id }), 400, 'newParentId');
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: '00000000-0000-4000-8000-000000000000' }), 400, 'newParentId');
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: 'x' }), 400, 'newParentId');
    });

    it('refuses a move to the current parent as a no-op (400 newParentId)', async () => {
      const village = await childOf('柳河镇', '桑园村');
      const problem = expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: village.parentId }), 400, 'newParentId');
      assert.match(problem.title, /已在/);
    });

    it('keeps every path equal to its parent path + id when moves and creates run in parallel', async () => {
      const from = await given(app).orgNamed('青山镇');
      const to = await given(app).orgNamed('白石镇');
      const villages = (await all()).filter((u) => u.parentId === from.id && u.kind === 'village' && u.name !== '石桥村').slice(0, 5);
      assert.equal(villages.length, 5);
      const responses = await Promise.all(
        villages.flatMap((village, i) => [
          office.post(`/api/orgs/${village.id}/move`, { newParentId: to.id, divisionCode: null }),
          office.post('/api/orgs', { parentId: village.id, name: `并行网格${i}`, kind: 'grid' }),
        ]),
      );
      assert.deepEqual(responses.map((r) => r.statusCode), villages.flatMap(() => [200, 201]), responses.map((r) => r.body).join('\n'));
      const units = await all();
      const byId = new Map(units.map((u) => [u.id, u]));
      for (const unit of units) {
        const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
        assert.equal(unit.path, `${parent?.path ?? '/'}${unit.id}/`, unit.name);
        assert.equal(unit.depth, parent ? parent.depth + 1 : 0, unit.name);
      }
      // The new grids went with their villages: 青山镇's scope no longer holds them.
      for (const [i, village] of villages.entries()) {
        const grid = units.find((u) => u.name === `并行网格${i}`);
        assert.ok(grid?.path.startsWith(`${to.path}${village.id}/`), `并行网格${i}`);
      }
    });

    it("refuses to move the actor's own unit", async () => {
      const district = await given(app).orgNamed('示范区');
      const township = await app.login('township');
      const street = await given(app).orgNamed('清源街道');
      expectProblem(await township.post(`/api/orgs/${street.id}/move`, { newParentId: district.id }), 400, 'id');
      const other = await given(app).orgNamed('明德街道');
      expectProblem(await office.post(`/api/orgs/${district.id}/move`, { newParentId: other.id }), 400);
    });
  });

  describe('division codes stay consistent with the tree', () => {
    it('refuses to move a coded village under another township with its old code, naming divisionCode', async () => {
      const village = await childOf('云岭乡', '雾溪村');
      const target = await given(app).orgNamed('青山镇');
      assert.ok(village.divisionCode?.startsWith('340199008'));
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: target.id }), 400, 'divisionCode');
      assert.equal((await childOf('云岭乡', '雾溪村')).id, village.id, 'not moved');
    });

    it('moves it with a new code that fits the new township, or with the code cleared', async () => {
      const village = await childOf('云岭乡', '雾溪村');
      const target = await given(app).orgNamed('青山镇');
      expectProblem(await office.post(`/api/orgs/${village.id}/move`, { newParentId: target.id, divisionCode: '340199008299' }), 400, 'divisionCode');
      const moved = ok(await office.post(`/api/orgs/${village.id}/move`, { newParentId: target.id, divisionCode: '340199004299' }));
      assert.equal(moved.parentId, target.id);
      assert.equal(moved.divisionCode, '340199004299');
      const back = ok(await office.post(`/api/orgs/${village.id}/move`, { newParentId: (await given(app).orgNamed('云岭乡')).id, divisionCode: null }));
      assert.equal(back.divisionCode, null);
    });

    it('refuses a township code its villages no longer match', async () => {
      const township = await given(app).orgNamed('桃源乡');
      expectProblem(await office.patch(`/api/orgs/${township.id}`, { divisionCode: '340199099000' }), 400, 'divisionCode');
      assert.equal((await given(app).orgNamed('桃源乡')).divisionCode, township.divisionCode);
    });
  });

  describe('deactivate and reactivate', () => {
    it('refuses to deactivate a unit with active children, and never deletes', async () => {
      const street = await given(app).orgNamed('清源街道');
      const response = await office.post(`/api/orgs/${street.id}/deactivate`);
      assert.match(expectProblem(response, 400, 'id').title, /下级单位/);
      assert.equal(ok(await office.get(`/api/orgs/${street.id}`)).active, true);
    });

    it('refuses to deactivate a unit while active accounts are bound to it', async () => {
      const department = await given(app).orgNamed('区教育局');
      const response = await office.post(`/api/orgs/${department.id}/deactivate`);
      assert.match(expectProblem(response, 400, 'id').title, /账号/);
      assert.equal(ok(await office.get(`/api/orgs/${department.id}`)).active, true);
    });

    it('deactivates a leaf grid, keeps the row and hides it from the default list', async () => {
      const grid = await childOf('桃源村', '第2网格');
      const rows = await given(app).rowCount('org_unit');
      const deactivated = ok(await office.post(`/api/orgs/${grid.id}/deactivate`));
      assert.equal(deactivated.active, false);
      assert.equal(await given(app).rowCount('org_unit'), rows, 'deactivation never deletes');
      assert.ok(!(await office.get('/api/orgs')).json<OrgList>().items.some((u) => u.id === grid.id));
      assert.ok((await office.get('/api/orgs?includeInactive=true')).json<OrgList>().items.some((u) => u.id === grid.id));
      assert.equal(ok(await office.get(`/api/orgs/${grid.id}`)).active, false);
      // New units and accounts cannot hang under it.
      expectProblem(await office.post('/api/orgs', { parentId: grid.id, name: '某单位', kind: 'grid' }), 400);
      const audit = await app.platform.db.selectFrom('audit_event').select('action').where('entity_id', '=', grid.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['org.deactivated']);
    });

    it('refuses to reactivate a unit under an inactive parent, and allows it top-down', async () => {
      const township = await given(app).orgNamed('云岭乡');
      const village = created(await office.post('/api/orgs', { parentId: township.id, name: '停用测试村', kind: 'village' }));
      const grid = created(await office.post('/api/orgs', { parentId: village.id, name: '第1网格', kind: 'grid' }));
      ok(await office.post(`/api/orgs/${grid.id}/deactivate`));
      ok(await office.post(`/api/orgs/${village.id}/deactivate`));

      expectProblem(await office.post(`/api/orgs/${grid.id}/reactivate`), 400, 'id');
      assert.equal(ok(await office.get(`/api/orgs/${grid.id}`)).active, false);
      // Nothing can be created or moved under the inactive village either.
      expectProblem(await office.post('/api/orgs', { parentId: village.id, name: '第2网格', kind: 'grid' }), 400, 'parentId');
      const otherGrid = await childOf('云岭村', '第1网格');
      expectProblem(await office.post(`/api/orgs/${otherGrid.id}/move`, { newParentId: village.id }), 400, 'newParentId');

      assert.equal(ok(await office.post(`/api/orgs/${village.id}/reactivate`)).active, true);
      assert.equal(ok(await office.post(`/api/orgs/${grid.id}/reactivate`)).active, true);
    });

    it("refuses to deactivate the actor's own unit", async () => {
      const district = await given(app).orgNamed('示范区');
      expectProblem(await office.post(`/api/orgs/${district.id}/deactivate`), 400, 'id');
    });
  });

  describe('township scope', () => {
    let township: Agent;
    before(async () => {
      township = await app.login('township');
    });

    it('writes inside its own subtree', async () => {
      const street = await given(app).orgNamed('清源街道');
      const unit = created(await township.post('/api/orgs', { parentId: street.id, name: '专干新建社区', kind: 'community' }));
      assert.ok(unit.path.startsWith(street.path));
      const renamed = ok(await township.patch(`/api/orgs/${unit.id}`, { name: '专干改名社区' }));
      assert.equal(renamed.name, '专干改名社区');
      const grid = created(await township.post('/api/orgs', { parentId: unit.id, name: '第9网格', kind: 'grid' }));
      const target = await childOf('清源街道', '文昌社区');
      assert.equal(ok(await township.post(`/api/orgs/${grid.id}/move`, { newParentId: target.id })).parentId, target.id);
      assert.equal(ok(await township.post(`/api/orgs/${grid.id}/deactivate`)).active, false);
    });

    it('gets 404 for a unit in another street on get, update, move, deactivate and reactivate', async () => {
      const foreign = await childOf('明德街道', '双桥社区');
      const own = await childOf('清源街道', '新华社区');
      const rows = await given(app).rowCount('org_unit');
      for (const response of [
        await township.get(`/api/orgs/${foreign.id}`),
        await township.patch(`/api/orgs/${foreign.id}`, { name: '越权改名' }),
        await township.post(`/api/orgs/${foreign.id}/move`, { newParentId: own.id }),
        await township.post(`/api/orgs/${foreign.id}/deactivate`),
        await township.post(`/api/orgs/${foreign.id}/reactivate`),
      ]) {
        assert.equal(expectProblem(response, 404).code, 'not_found');
        assert.doesNotMatch(response.body, /双桥社区/);
      }
      assert.equal(ok(await office.get(`/api/orgs/${foreign.id}`)).name, '双桥社区');
      assert.equal(await given(app).rowCount('org_unit'), rows);
    });

    it('gets 404 for its parent district and 400 for an out-of-scope parentId or newParentId', async () => {
      const district = await given(app).orgNamed('示范区');
      const foreign = await given(app).orgNamed('明德街道');
      const own = await childOf('清源街道', '书院社区');
      expectProblem(await township.get(`/api/orgs/${district.id}`), 404);
      const rows = await given(app).rowCount('org_unit');
      expectProblem(await township.post('/api/orgs', { parentId: foreign.id, name: '越界社区', kind: 'community' }), 400, 'parentId');
      expectProblem(await township.post('/api/orgs', { parentId: district.id, name: '越界局', kind: 'department' }), 400, 'parentId');
      expectProblem(await township.post(`/api/orgs/${own.id}/move`, { newParentId: foreign.id }), 400, 'newParentId');
      assert.equal(await given(app).rowCount('org_unit'), rows);
      assert.equal(ok(await township.get(`/api/orgs/${own.id}`)).parentId, (await given(app).orgNamed('清源街道')).id);
    });
  });

  describe('role permissions', () => {
    for (const username of ['worker', 'police', 'department']) {
      it(`lets ${username} read the tree but not write it (403)`, async () => {
        const agent = await app.login(username);
        const village = await childOf('柳河镇', '荷塘村');
        assert.equal((await agent.get('/api/orgs')).statusCode, 200);
        const rows = await given(app).rowCount('org_unit');
        for (const response of [
          await agent.post('/api/orgs', { parentId: village.id, name: '越权网格', kind: 'grid' }),
          await agent.patch(`/api/orgs/${village.id}`, { name: '越权改名' }),
          await agent.post(`/api/orgs/${village.id}/move`, { newParentId: village.parentId }),
          await agent.post(`/api/orgs/${village.id}/deactivate`),
        ]) {
          assert.equal(expectProblem(response, 403).code, 'forbidden');
        }
        assert.equal(await given(app).rowCount('org_unit'), rows);
      });
    }

    for (const username of ['auditor', 'enterprise']) {
      it(`refuses ${username} even reading the tree (403) and audits the denial`, async () => {
        const agent = await app.login(username);
        const district = await given(app).orgNamed('示范区');
        expectProblem(await agent.get('/api/orgs'), 403);
        expectProblem(await agent.get(`/api/orgs/${district.id}`), 403);
        const denied = await app.platform.db
          .selectFrom('audit_event')
          .select('entity_id')
          .where('action', '=', 'access.denied')
          .where('actor_username', '=', username)
          .execute();
        assert.ok(denied.some((d) => d.entity_id === 'GET /api/orgs'));
      });
    }

    it('lets the sysadmin maintain the tree', async () => {
      const sysadmin = await app.login('sysadmin');
      const township = await given(app).orgNamed('青山镇');
      created(await sysadmin.post('/api/orgs', { parentId: township.id, name: '系统管理员建村', kind: 'village' }));
    });
  });
});
