import type { SupervisionService } from '../supervision/index.ts';
import { lastContactDate, leavesOf, measuresInArea, measuresOf, testNoticeFactsOf } from '../supervision/index.ts';
import { recentRiskLevels } from '../risk/index.ts';
import { pendingTransfers } from '../transfers/index.ts';
import type { AlertFacts } from './alert-rule.ts';

const OPEN = ['ordered', 'active', 'suspended'];

/** The alert rules' view of supervision (and of risk assessments and transfers), through the modules' public APIs only. */
export function supervisionFacts(supervision: SupervisionService): AlertFacts {
  return {
    worklistItems: (db, scope, underPath, list) => supervision.worklistItems(db, scope, underPath, list),
    testResultsOf: (db, personId) => supervision.testResultsOf(db, personId),
    async openCommunityMeasures(db, personId) {
      return (await measuresOf(db, personId))
        .filter((m) => OPEN.includes(m.status) && (m.kind === 'communityTreatment' || m.kind === 'communityRehab'))
        .map((m) => ({ id: m.id, kind: m.kind as 'communityTreatment' | 'communityRehab', from: m.reportInDate }));
    },
    async supervisedPersons(db, rootPath, today) {
      const measures = await measuresInArea(db, { rootPath: '/' }, rootPath, today);
      return [...new Set(measures.filter((m) => OPEN.includes(m.status) && m.reportInDate !== null
        && (m.kind === 'communityTreatment' || m.kind === 'communityRehab')).map((m) => m.personId))];
    },
    leavesOf: (db, personId) => leavesOf(db, personId),
    lastContactDate: (db, personId) => lastContactDate(db, personId),
    recentRiskLevels: (db, personId) => recentRiskLevels(db, personId, 2),
    testNoticesOf: (db, personId) => testNoticeFactsOf(db, personId),
    async pendingTransfers(db, personId) {
      return (await pendingTransfers(db, personId)).map((t) => ({
        id: t.id, personId: t.personId, sentOn: t.sentOn, fromOrgUnitName: t.fromOrgUnitName, toOrgUnitId: t.toOrgUnitId, toOrgPath: t.toOrgPath,
      }));
    },
  };
}
