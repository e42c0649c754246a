// Entry of `npx qingyuan …` (bin/qingyuan.mjs runs it through tsx).
import { processCliEnv } from './process-env.ts';
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), processCliEnv());
