/**
 * One call to open the built app in Chromium for a browser test: serves dist/ (see buildOnce.ts),
 * launches Chromium, opens a page that collects every problem a user would not see — console
 * errors, uncaught page errors, Content-Security-Policy violations — and goes to the app.
 *
 * @example
 *   const app = await openApp({ viewport: PHONE, colorScheme: 'dark' });
 *   await app.page.getByRole('button', { name: 'Play', exact: true }).click();
 *   expect(app.problems).toEqual([]);
 *   await app.close();
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveBuiltApp } from './browser';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/**
 * A strict Content-Security-Policy for the built app (README shows it as the header to serve with).
 * Relaxed only where needed, checked by removing it and watching the violation:
 * - `worker-src 'self' blob:` — Tone.js's Context starts its clock worker (Ticker) from a blob: URL.
 *   Our own workers (the import worker) and the master AudioWorklet are files from 'self'.
 * Everything else is 'self' or 'none'; no inline script, no eval (zod runs jitless, src/ui/noEval.ts),
 * no inline <style> or style="" attributes in HTML (styles set through element.style — CSSOM — are
 * not inline styles for CSP, so the legend swatches and the histogram bars are fine).
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self'",
  "media-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface OpenAppOptions {
  viewport?: { width: number; height: number };
  /** A Content-Security-Policy header sent with every response of the app. */
  csp?: string;
  /** Script run in the page before the app's own (e.g. to fake storage or record events). */
  initScript?: string | (() => void);
  colorScheme?: 'light' | 'dark';
  /** The URL fragment to open (e.g. a share link's `v=1&preset=…`), without '#'. */
  hash?: string;
  /** Don't go to the app yet (the test navigates itself). */
  noGoto?: boolean;
}

export interface App {
  page: Page;
  browser: Browser;
  url: string;
  /** Console errors, page errors and CSP violations, as lines of text, as they happen. */
  problems: string[];
  close(): Promise<void>;
}

export async function openApp(options: OpenAppOptions = {}): Promise<App> {
  const server = await serveBuiltApp(options.csp ? { headers: { 'Content-Security-Policy': options.csp } } : {});
  const browser = await launchChromium();
  const problems: string[] = [];
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: options.viewport ?? DESKTOP,
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.exposeFunction('__museCspViolation', (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[]; __museCspViolation(text: string): void };
      w.__cspViolations = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e) => {
          const text = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
          w.__cspViolations.push(text);
          w.__museCspViolation(text);
        },
        true,
      );
    });
    if (options.initScript) await page.addInitScript(options.initScript);
    if (!options.noGoto) await page.goto(options.hash ? `${server.url}#${options.hash}` : server.url);
    return { page, browser, url: server.url, problems, close };
  } catch (e) {
    await close();
    throw e;
  }
}
