import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { build, preview } from 'vite';

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

/** Builds the app as `npm run build` does and serves the static site; resolves to its address. */
export async function serveBuiltApp(): Promise<{ url: string; close: () => Promise<void> }> {
  await build({ logLevel: 'error', build: { outDir: 'dist', emptyOutDir: true } });
  const server = await preview({ logLevel: 'error', preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
