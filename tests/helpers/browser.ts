import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { inject } from 'vitest';

/** Debian's Chromium, the only browser these tests use (Playwright's own builds can't be fetched). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. In CI (CI=true) a missing Chromium is an error, not a
 * skip: the tests must run there.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const hint = `Chromium not found at ${CHROMIUM}: install it with "apt-get install chromium" (or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(`browser tests are required in CI. ${hint}`);
  console.warn(`Skipping browser tests. ${hint}`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Whether the global setup (tests/helpers/buildOnce.ts) built dist/ for this run. */
function builtForThisRun(): boolean {
  try {
    return inject('museBuilt') === true;
  } catch {
    return false; // not under vitest's global setup
  }
}

let building: Promise<unknown> | undefined;

/**
 * Serves the production build in dist/ (vite preview); resolves to its address. The build is made
 * once per test run by the global setup; only when that did not run (a filter it did not foresee,
 * another config) does the first call in this file build it here. `headers` are sent with every
 * response (e.g. a Content-Security-Policy).
 */
export async function serveBuiltApp(
  options: { headers?: Record<string, string> } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  if (!builtForThisRun()) {
    building ??= build({ logLevel: 'error', build: { outDir: 'dist', emptyOutDir: true } });
    await building;
  }
  return serveBuild('dist', options.headers);
}

/** Serves an app already built into `dir` (dist, or a page tool's build of its own); `url` ends with '/'. */
export async function serveBuild(
  dir: string,
  headers?: Record<string, string>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({
    logLevel: 'error',
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, headers },
  });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
