// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORG_KINDS, allowedParentKinds, divisionCodeProblem, kindHasDivisionCode, parentKindProblem, type OrgKind } from './org-units.ts';

describe('parentKindProblem', () => {
  const allowed: [OrgKind, OrgKind][] = [
    ['township', 'district'],
    ['street', 'district'],
    ['village', 'township'],
    ['village', 'street'],
    ['community', 'township'],
    ['community', 'street'],
    ['grid', 'village'],
    ['grid', 'community'],
    ['department', 'district'],
    ['department', 'township'],
    ['policeStation', 'district'],
    ['policeStation', 'street'],
  ];

  it('allows the area hierarchy district → township/street → village/community → grid', () => {
    for (const [kind, parent] of allowed) assert.equal(parentKindProblem(kind, parent), null, `${kind} under ${parent}`);
  });

  it('refuses a grid directly under a township or street, naming the allowed parents', () => {
    const problem = parentKindProblem('grid', 'township');
    assert.ok(problem);
    assert.match(problem, /网格的上级必须是村或社区/);
    assert.ok(parentKindProblem('grid', 'street'));
    assert.ok(parentKindProblem('grid', 'district'));
  });

  it('refuses skipping or inverting levels', () => {
    assert.ok(parentKindProblem('village', 'district'));
    assert.ok(parentKindProblem('township', 'township'));
    assert.ok(parentKindProblem('township', 'village'));
    assert.ok(parentKindProblem('community', 'grid'));
    assert.ok(parentKindProblem('grid', 'grid'));
  });

  it('lets nothing hang under a grid, a department or a police station', () => {
    for (const kind of ORG_KINDS) {
      for (const leaf of ['grid', 'department', 'policeStation'] as const) {
        assert.ok(parentKindProblem(kind, leaf), `${kind} under ${leaf}`);
      }
    }
  });

  it('lets only a district be the root, and a district never be a child', () => {
    assert.equal(parentKindProblem('district', null), null);
    for (const kind of ORG_KINDS.filter((k) => k !== 'district')) {
      const problem = parentKindProblem(kind, null);
      assert.ok(problem, kind);
      assert.match(problem, /必须有上级单位/);
    }
    for (const parent of ORG_KINDS) {
      const problem = parentKindProblem('district', parent);
      assert.ok(problem);
      assert.match(problem, /只能作为顶级单位/);
    }
  });

  it('agrees with allowedParentKinds for every pair', () => {
    for (const kind of ORG_KINDS) {
      for (const parent of ORG_KINDS) {
        assert.equal(parentKindProblem(kind, parent) === null, allowedParentKinds(kind).includes(parent), `${kind} under ${parent}`);
      }
    }
  });
});

describe('divisionCodeProblem', () => {
  it('accepts a real county code for a district', () => {
    assert.equal(divisionCodeProblem('district', '340199', null), null);
    assert.equal(divisionCodeProblem('district', '110101', null), null);
    assert.equal(divisionCodeProblem('district', '429004', null), null, '省直辖县级 (city part 90)');
  });

  it('refuses a district code of the wrong length, an unknown province, or a city/province-level code', () => {
    assert.ok(divisionCodeProblem('district', '34019', null));
    assert.ok(divisionCodeProblem('district', '340199001000', null));
    assert.ok(divisionCodeProblem('district', '990101', null), 'no province 99');
    assert.ok(divisionCodeProblem('district', '100101', null), 'no province 10');
    assert.ok(divisionCodeProblem('district', '340100', null), 'a city, not a county');
    assert.ok(divisionCodeProblem('district', '340000', null), 'a province');
    assert.ok(divisionCodeProblem('district', '340001', null), 'city part 00');
    assert.ok(divisionCodeProblem('district', '34a199', null));
  });

  it('accepts a township/street code under its district', () => {
    assert.equal(divisionCodeProblem('township', '340199001000', '340199'), null);
    assert.equal(divisionCodeProblem('street', '340199008000', '340199'), null);
    assert.equal(divisionCodeProblem('township', '340199001000', null), null, 'parent without a code');
  });

  it('refuses a township code with the wrong district prefix, 000 in digits 7–9, or a non-000 tail', () => {
    const wrongPrefix = divisionCodeProblem('township', '340188001000', '340199');
    assert.ok(wrongPrefix);
    assert.match(wrongPrefix, /前6位/);
    assert.ok(divisionCodeProblem('township', '340199000000', '340199'));
    assert.ok(divisionCodeProblem('township', '340199001001', '340199'));
    assert.ok(divisionCodeProblem('township', '340199', '340199'), '6 digits');
    assert.ok(divisionCodeProblem('township', '990199001000', null), 'unknown province');
  });

  it('accepts a village/community code under its township', () => {
    assert.equal(divisionCodeProblem('village', '340199001201', '340199001000'), null);
    assert.equal(divisionCodeProblem('community', '340199001001', '340199001000'), null);
  });

  it('refuses a village code from another township, with a 000 tail, or a township-shaped code', () => {
    const other = divisionCodeProblem('village', '340199002201', '340199001000');
    assert.ok(other);
    assert.match(other, /前9位/);
    assert.ok(divisionCodeProblem('village', '340199001000', '340199001000'));
    assert.ok(divisionCodeProblem('community', '340199000001', null));
    assert.ok(divisionCodeProblem('village', '3401990012011', '340199001000'), '13 digits');
    assert.ok(divisionCodeProblem('village', '34019900120', '340199001000'), '11 digits');
  });

  it('refuses any code on a grid, a department or a police station', () => {
    for (const kind of ['grid', 'department', 'policeStation'] as const) {
      assert.equal(kindHasDivisionCode(kind), false);
      const problem = divisionCodeProblem(kind, '340199001201', '340199001000');
      assert.ok(problem, kind);
      assert.match(problem, /不设行政区划代码/);
    }
  });
});
