// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTEXT_WORDS, characterClasses, codePointLength, passwordProblems } from './password-policy.ts';

const ok = (password: string, context: Parameters<typeof passwordProblems>[1] = {}): void => {
  assert.deepEqual(passwordProblems(password, context), [], password);
};
const refused = (password: string, pattern: RegExp, context: Parameters<typeof passwordProblems>[1] = {}): void => {
  const problems = passwordProblems(password, context);
  assert.ok(problems.some((p) => pattern.test(p)), `${password}: ${JSON.stringify(problems)}`);
};

describe('passwordProblems (dengbao-l3)', () => {
  it('needs at least 10 characters: 9 refused, 10 accepted', () => {
    refused('Ab3#efgh9', /长度不能少于10位/);
    assert.equal(passwordProblems('Ab3#efgh9').length, 1, 'only the length is wrong');
    ok('Ab3#efgh9k');
  });

  it('counts characters as a person does (a surrogate pair is one)', () => {
    assert.equal(codePointLength('𠀀𠀀'), 2);
    refused('Ab3#efgh𠀀', /长度/);
    assert.equal(codePointLength('Ab3#efgh𠀀k'), 10);
    ok('Ab3#efgh𠀀k');
  });

  it('needs 3 of the 4 character classes', () => {
    assert.equal(characterClasses('abcdefghij'), 1);
    assert.equal(characterClasses('abcdeFGHIJ'), 2);
    assert.equal(characterClasses('abcdeFGH12'), 3);
    assert.equal(characterClasses('abcdeFG12#'), 4);
    refused('abcdefghijkl', /至少3类/);
    refused('abcdefGHIJKL', /至少3类/);
    refused('abcdef123456', /至少3类/);
    ok('abcdefGH1234');
    ok('mnbvcx12#$%^');
    ok('MNBVCX12#$%^');
    ok('Kx9#mQ2!vL7@');
  });

  it('treats Chinese characters as special characters', () => {
    assert.equal(characterClasses('中'), 1);
    ok('Lanhua盛开2026');
  });

  it('refuses a password that contains the username, case-insensitively', () => {
    refused('Zhangsan#2026x', /用户名/, { username: 'zhangsan' });
    refused('x#ZHANGSAN2026', /用户名/, { username: 'ZhangSan' });
    ok('Lisi#Secret2026', { username: 'zhangsan' });
  });

  it('ignores usernames shorter than 3 characters', () => {
    ok('Ab3#efgh9k', { username: 'ab' });
  });

  it('refuses common passwords, whatever the case and trailing digits or symbols', () => {
    for (const common of ['Password123!', 'P@ssw0rd2026', 'Qwertyuiop1!', 'Administrator1', 'Woaini1314!!', 'Iloveyou2026#', 'Welcome#2026']) {
      refused(common, /过于常见/);
    }
  });

  it('refuses common passwords that contain digits themselves, followed by digits or symbols', () => {
    for (const common of ['Abc123!@#$', '1Qaz2wsx!@#', '1q2w3E4r#$%', 'A1b2c3!!!!', '#$%Abc123!']) refused(common, /过于常见/);
  });

  it('does not call a password common just because it contains a common word among other letters', () => {
    ok('Rootbeer#Float9');
    ok('Testament#2026x');
  });

  it('refuses the context words: product, domain and district', () => {
    refused('Qingyuan#2026', /易猜测词语/);
    refused('MyQINGYUAN!2026', /易猜测词语/);
    refused('禁毒Work#2026', /易猜测词语/);
    refused('清源Abc#2026x', /易猜测词语/);
    refused('示范区Abc#2026', /易猜测词语/);
    refused('Jinduban#2026', /易猜测词语/);
    for (const word of CONTEXT_WORDS) refused(`Xy7#${word}Zk9!`, /易猜测词语/);
  });

  it('refuses extra context words given by the caller (a township name)', () => {
    refused('青山镇Abc#2026', /易猜测词语/, { extraWords: ['青山镇'] });
    ok('青山镇Abc#2026', {});
  });

  it('accepts long passphrases of 64 characters and more', () => {
    const sixtyFour = 'Correct-Horse-Battery-Staple-2026-'.padEnd(64, 'x');
    assert.equal(sixtyFour.length, 64);
    ok(sixtyFour);
    ok(`${sixtyFour}${'Yz9!'.repeat(50)}`);
  });

  it('honours a stricter policy from secadmin', () => {
    assert.deepEqual(passwordProblems('Ab3#efgh9k', {}, { minLength: 12, minClasses: 3 }).length, 1);
    assert.deepEqual(passwordProblems('Ab3defgh9kxy', {}, { minLength: 12, minClasses: 4 }).length, 1);
    assert.deepEqual(passwordProblems('Ab3#efgh9kxy', {}, { minLength: 12, minClasses: 4 }), []);
  });

  it('reports every problem at once', () => {
    const problems = passwordProblems('qingyuan');
    assert.ok(problems.length >= 3, JSON.stringify(problems));
  });
});
