import type { QueryClient } from '@tanstack/react-query';

/** Forgets everything the browser holds about the previous session (SECURITY.md §16: logout clears storage). */
export function clearClientState(client: QueryClient): void {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage may be unavailable (privacy mode); nothing to clear then.
  }
  client.clear();
}
