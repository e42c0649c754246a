// Regenerates docs/access-matrix.md from the live route table.
import { writeFileSync } from 'node:fs';
import { renderAccessMatrix } from '../packages/server/src/testing/access-matrix.ts';
import { startTestApp } from '../packages/server/src/testing/test-app.ts';

const app = await startTestApp({}, { seed: false });
writeFileSync(new URL('../docs/access-matrix.md', import.meta.url), renderAccessMatrix(app.routeAccess));
await app.close();
console.log('docs/access-matrix.md written');
