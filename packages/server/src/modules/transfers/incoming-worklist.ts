import { ownScope, pathInScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { transfersInScope } from './transfers.repository.ts';

/** 待接收移交 (the supervision working list): pending transfers to the caller's own units, under `underPath` when given. */
export async function pendingTransfersIn(db: Db, scope: Scope, underPath: string | null): Promise<{
  id: string; personId: string; personName: string; fromOrgUnitName: string; toOrgUnitName: string; sentOn: string;
}[]> {
  const rows = await transfersInScope(db, ownScope(scope), 'incoming', { status: 'pending' });
  return rows.filter((t) => underPath === null || pathInScope(t.toOrgPath, { rootPath: underPath })).map((t) => ({
    id: t.id, personId: t.personId, personName: t.personName, fromOrgUnitName: t.fromOrgUnitName, toOrgUnitName: t.toOrgUnitName, sentOn: t.sentOn,
  }));
}
