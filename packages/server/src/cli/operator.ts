import { userInfo } from 'node:os';
import { systemContext, type RequestContext } from '../platform/context.ts';

/** The audit context of a CLI command: no session actor, the command as request id. */
export function cliContext(command: string): RequestContext {
  return systemContext(`cli:${command}`);
}

/** Why the audit row exists and who ran it on the server, for the reason column. */
export function cliReason(command: string): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry (containers) */
  }
  return `服务器命令行 qingyuan ${command}（操作系统用户 ${user}）`;
}
