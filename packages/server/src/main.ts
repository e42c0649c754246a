import { buildApp } from './app.ts';
import { AuditLog } from './platform/audit/audit-log.ts';
import { chinaDate, systemClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { loadKeys } from './platform/crypto/keys.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoDistrict } from './demo/demo-district.ts';
import { seedDemoSupervision } from './demo/demo-supervision.ts';
import { openDatabase } from './runtime.ts';

/** Starts the platform: migrate, load the demo district into an empty embedded database, serve API and web. */
async function main(): Promise<void> {
  const config = loadConfig();
  const keys = loadKeys(config.keyFile);
  const database = await openDatabase(config);
  const { server, beginShutdown } = await buildApp({ config, database, keys });

  let demoHistoriesDue = false;
  if (database.kind === 'pglite' && (await seedDemoDistrict(database.db, new AuditLog(keys.audit, systemClock), { persons: { keys, at: systemClock.now() }, enforcement: { keys, at: systemClock.now() } }))) {
    server.log.info('loaded the demo district 示范区');
    demoHistoriesDue = true;
  }
  await server.listen({ port: config.port, host: config.host });
  const demoAbort = new AbortController();
  let demoSeeding: Promise<void> = Promise.resolve();
  if (demoHistoriesDue) {
    // Written through the API while the platform already serves (about half a minute on the first start).
    server.log.info('writing the demo supervision histories in the background');
    demoSeeding = seedDemoSupervision(server, chinaDate(systemClock.now()), demoAbort.signal).then(
      (histories) => { server.log.info(histories, 'loaded the demo supervision histories'); },
      (error: unknown) => { server.log.error({ err: error }, 'demo supervision histories failed'); },
    );
  }
  if (database.kind === 'pglite') {
    const names = DEMO_ACCOUNTS.map((a) => a.username).join(', ');
    process.stdout.write(
      `\n  清源 Qingyuan is running at http://localhost:${config.port}\n` +
        `  Embedded database: ${config.dataDir}\n` +
        `  Demo accounts (demo only): ${names}\n  Demo password: ${DEMO_PASSWORD}\n\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'draining in-flight requests');
    // In-flight requests finish and answer with `Connection: close`, so their keep-alive sockets end with them;
    // whatever still hangs on after 25 s is cut.
    beginShutdown();
    demoAbort.abort();
    await demoSeeding;
    const deadline = setTimeout(() => server.server.closeAllConnections(), 25_000);
    await server.close();
    clearTimeout(deadline);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`qingyuan failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
