import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The read-only shared corpora beside the project (../shared/corpora). */
export const SHARED_CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

/**
 * Whether the shared corpora are here. In CI they must be: a missing folder fails there; elsewhere
 * the tests that need them are skipped with a message.
 */
export function sharedCorporaAvailable(): boolean {
  if (existsSync(SHARED_CORPORA)) return true;
  if (process.env.CI) throw new Error(`the shared corpora are required in CI: ${SHARED_CORPORA} is missing`);
  console.warn(`Skipping corpus tests: ${SHARED_CORPORA} is missing.`);
  return false;
}
