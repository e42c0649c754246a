import { composeIdNumber, type CreatePerson, type OrgUnit, type User } from '@qingyuan/shared';
import type { Agent, TestApp } from './test-app.ts';

/**
 * A valid ID number under 340188 (a fictional county no demo person uses), distinct for each sequence 0–999
 * (and each birth date); the 17th digit's parity gives the sex: odd male, even female.
 */
export function fakeIdNumber(sequence: number, birthDate = '1990-01-01'): string {
  return composeIdNumber('340188', birthDate, sequence);
}

let nextSequence = 100;

/** Readable factories over the demo district and the public API. */
export function given(app: TestApp) {
  return {
    async orgs(as: Agent): Promise<OrgUnit[]> {
      const response = await as.get('/api/orgs?includeInactive=true');
      if (response.statusCode !== 200) throw new Error(`list orgs failed: ${response.body}`);
      return (response.json<{ items: OrgUnit[] }>()).items;
    },
    async orgNamed(name: string): Promise<OrgUnit> {
      const office = await app.login('office');
      const found = (await this.orgs(office)).find((o) => o.name === name);
      if (!found) throw new Error(`no org unit named ${name}`);
      return found;
    },
    async userNamed(username: string): Promise<User> {
      const sysadmin = await app.login('sysadmin');
      const response = await sysadmin.get(`/api/users?q=${encodeURIComponent(username)}&pageSize=200`);
      const found = response.json<{ items: User[] }>().items.find((u) => u.username === username);
      if (!found) throw new Error(`no user ${username}`);
      return found;
    },
    /** Registers a person through the API (a fresh fake ID number unless given) in a unit named `unit`. */
    async person(as: Agent, unit: string, fields: Partial<CreatePerson> = {}): Promise<{ id: string; idNumber: string; orgUnit: OrgUnit }> {
      const orgUnit = await this.orgNamed(unit);
      const idNumber = fields.idNumber ?? fakeIdNumber(nextSequence++ % 1000, `19${String(70 + (nextSequence % 30))}-03-15`);
      const response = await as.post('/api/persons', { name: '测试人员', ...fields, idNumber, orgUnitId: orgUnit.id });
      if (response.statusCode !== 201) throw new Error(`register person failed: ${String(response.statusCode)} ${response.body}`);
      return { id: response.json<{ id: string }>().id, idNumber, orgUnit };
    },
    async rowCount(
      table: 'org_unit' | 'app_user' | 'user_role' | 'audit_event' | 'user_session' | 'security_policy' | 'person' | 'person_contact' | 'detection' | 'detection_substance' | 'person_relationship',
    ): Promise<number> {
      const row = await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
