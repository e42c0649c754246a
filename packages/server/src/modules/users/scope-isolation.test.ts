import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { OrgUnit, Problem } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

type OrgList = { items: OrgUnit[]; total: number };

/** The parts of a problem that must not tell "not yours" from "not there". */
function shape(response: LightMyRequestResponse): unknown {
  const { requestId: _requestId, ...rest } = response.json<Problem>();
  return { statusCode: response.statusCode, contentType: response.headers['content-type'], ...rest };
}

describe('scope isolation between two townships', () => {
  let app: TestApp;
  let all: OrgUnit[];
  const agents = new Map<string, Agent>();
  const homes = { township: '清源街道', township2: '明德街道' } as const;
  type Side = keyof typeof homes;
  const other = (side: Side): Side => (side === 'township' ? 'township2' : 'township');
  const agent = (side: Side): Agent => {
    const found = agents.get(side);
    assert.ok(found);
    return found;
  };
  const home = (side: Side): OrgUnit => {
    const found = all.find((u) => u.name === homes[side]);
    assert.ok(found);
    return found;
  };
  const subtree = (side: Side): OrgUnit[] => all.filter((u) => u.path.startsWith(home(side).path));
  /** Every response body a township receives, to search for the other township's data afterwards. */
  const bodies = new Map<Side, string[]>([['township', []], ['township2', []]]);
  const record = (side: Side, response: LightMyRequestResponse): LightMyRequestResponse => {
    bodies.get(side)?.push(response.body);
    return response;
  };

  before(async () => {
    app = await startTestApp();
    for (const side of Object.keys(homes) as Side[]) agents.set(side, await app.login(side));
    all = await given(app).orgs(await app.login('office'));
  });
  after(() => app.close());

  for (const side of ['township', 'township2'] as const) {
    describe(`as ${side} (${homes[side]})`, () => {
      it('lists exactly its own subtree, matching the database count', async () => {
        const own = home(side);
        const db = app.platform.db;
        const count = async (activeOnly: boolean): Promise<number> => {
          let query = db.selectFrom('org_unit').select((eb) => eb.fn.countAll<string>().as('n')).where('path', 'like', `${own.path}%`);
          if (activeOnly) query = query.where('active', '=', true);
          return Number((await query.executeTakeFirstOrThrow()).n);
        };
        const everything = record(side, await agent(side).get('/api/orgs?includeInactive=true')).json<OrgList>();
        assert.equal(everything.total, await count(false));
        assert.equal(everything.items.length, everything.total);
        assert.ok(everything.total > 10, 'a street with communities and grids');
        assert.deepEqual(everything.items.map((u) => u.id).sort(), subtree(side).map((u) => u.id).sort());
        assert.ok(everything.items.every((u) => u.path.startsWith(own.path)));
        assert.ok(!everything.items.some((u) => u.id === own.parentId), 'not even its parent district');

        const active = record(side, await agent(side).get('/api/orgs')).json<OrgList>();
        assert.equal(active.total, await count(true));
      });

      it("answers 404 on the other township's units exactly like a missing id, for every operation", async () => {
        const me = agent(side);
        const ownLeaf = subtree(side).find((u) => u.kind === 'community');
        assert.ok(ownLeaf);
        const targets = subtree(other(side)).filter((u) => ['street', 'community', 'grid', 'policeStation'].includes(u.kind));
        assert.ok(targets.length >= 4);
        const rows = await given(app).rowCount('org_unit');
        const operations: ((id: string) => Promise<LightMyRequestResponse>)[] = [
          (id) => me.get(`/api/orgs/${id}`),
          (id) => me.patch(`/api/orgs/${id}`, { name: '越权改名' }),
          (id) => me.post(`/api/orgs/${id}/move`, { newParentId: home(side).id }),
          (id) => me.post(`/api/orgs/${id}/deactivate`),
          (id) => me.post(`/api/orgs/${id}/reactivate`),
        ];
        for (const operation of operations) {
          const missing = record(side, await operation(randomUUID()));
          assert.equal(missing.statusCode, 404, missing.body);
          for (const target of targets) {
            const response = record(side, await operation(target.id));
            assert.deepEqual(shape(response), shape(missing), `${target.name}: ${response.body}`);
          }
        }
        // The parent district is out of scope too.
        assert.deepEqual(shape(record(side, await me.get(`/api/orgs/${home(side).parentId ?? ''}`))), shape(record(side, await me.get(`/api/orgs/${randomUUID()}`))));
        assert.equal(await given(app).rowCount('org_unit'), rows);
        const untouched = await given(app).orgs(await app.login('office'));
        for (const target of targets) {
          const now = untouched.find((u) => u.id === target.id);
          assert.deepEqual(now, target, 'nothing changed');
        }
      });

      it("refuses the other township's units as references with the same 400 as a missing one", async () => {
        const me = agent(side);
        const foreign = home(other(side));
        const ownCommunity = subtree(side).find((u) => u.kind === 'community');
        assert.ok(ownCommunity);
        const rows = await given(app).rowCount('org_unit');
        const pairs: [(ref: string) => Promise<LightMyRequestResponse>, string][] = [
          [(ref) => me.post('/api/orgs', { parentId: ref, name: '越界社区', kind: 'community' }), 'parentId'],
          [(ref) => me.post(`/api/orgs/${ownCommunity.id}/move`, { newParentId: ref }), 'newParentId'],
        ];
        for (const [send, field] of pairs) {
          const outOfScope = record(side, await send(foreign.id));
          const missing = record(side, await send(randomUUID()));
          assert.equal(outOfScope.statusCode, 400);
          assert.equal(outOfScope.json<Problem>().errors?.[0]?.field, field);
          assert.deepEqual(shape(outOfScope), shape(missing));
        }
        assert.equal(await given(app).rowCount('org_unit'), rows);
      });

      it("never shows the other township's names in any response", () => {
        const foreignNames = subtree(other(side))
          .map((u) => u.name)
          .filter((name) => !subtree(side).some((u) => u.name === name)); // 第1网格 exists on both sides
        assert.ok(foreignNames.includes(homes[other(side)]));
        const seen = bodies.get(side) ?? [];
        assert.ok(seen.length > 20);
        for (const body of seen) {
          for (const name of foreignNames) assert.ok(!body.includes(name), `${name} leaked: ${body.slice(0, 200)}`);
          for (const unit of subtree(other(side))) assert.ok(!body.includes(unit.id), `${unit.name}'s id leaked`);
        }
      });
    });
  }

  it('gives every business role a list that matches the database count of its subtree', async () => {
    for (const username of ['office', 'worker', 'police', 'department']) {
      const me = await given(app).userNamed(username);
      const unit = all.find((u) => u.id === me.orgUnitId);
      assert.ok(unit);
      const listed = (await (await app.login(username)).get('/api/orgs?includeInactive=true')).json<OrgList>();
      const truth = await app.platform.db
        .selectFrom('org_unit')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('path', 'like', `${unit.path}%`)
        .executeTakeFirstOrThrow();
      assert.equal(listed.total, Number(truth.n), username);
      assert.ok(listed.items.every((u) => u.path.startsWith(unit.path)), username);
    }
  });
});
