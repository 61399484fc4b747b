/**
 * Vitest global setup: builds the app (as `npm run build` does) into dist/ ONCE per test run, before
 * any test file starts. Test files run in parallel; when each built dist/ itself, two builds could
 * write the same folder at once. serveBuiltApp (tests/helpers/browser.ts) then only serves dist/.
 *
 * The build is skipped when the run selects no browser test (e.g. `vitest run tests/unit/x.test.ts`).
 */
import { readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when the global setup built dist/ for this run. */
    museBuilt: boolean;
  }
}

/** Whether the run's file filters (substrings of test file paths) select a browser test. */
export function selectsBrowserTests(filters: readonly string[] | undefined, root: string): boolean {
  if (!filters || filters.length === 0) return true;
  const e2e = readdirSync(resolve(root, 'tests/e2e')).map((f) => `tests/e2e/${f}`);
  return filters.some((filter) => {
    const f = relative(root, resolve(root, filter)).replaceAll('\\', '/');
    return f.includes('e2e') || e2e.some((file) => file.includes(f) || file.includes(filter));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const root = project.config.root;
  // `filenamePattern` holds the CLI filters (vitest keeps it on the instance; not typed publicly).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (process.env.MUSE_SKIP_BUILD || !selectsBrowserTests(filters, root)) {
    project.provide('museBuilt', false);
    return;
  }
  const { build } = await import('vite');
  const started = performance.now();
  await build({ root, logLevel: 'error', build: { outDir: 'dist', emptyOutDir: true } });
  console.log(`Built dist/ for the browser tests in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  project.provide('museBuilt', true);
}
