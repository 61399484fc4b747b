/**
 * Checks of a page as a user meets it, for the browser tests: an axe-core accessibility scan,
 * horizontal overflow, tap-target sizes, the controls the keyboard reaches, and screenshots.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = 'test-results/screenshots';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the whole page; every violation, with its impact, as lines of text. */
export async function axeScan(page: Page): Promise<{ serious: string[]; all: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const lines = (violations as AxeViolation[]).map(
    (v) =>
      `[${v.impact}] ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`)
        .join('; ')}`,
  );
  const serious = (violations as AxeViolation[]).flatMap((v, i) =>
    v.impact === 'serious' || v.impact === 'critical' ? [lines[i]] : [],
  );
  return { serious, all: lines };
}

/** How far the page is wider than the window, in CSS pixels (0 = no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Visible controls whose target is smaller than `min` CSS pixels either way. A checkbox or file
 * input counts with its label (clicking the label works too).
 */
export function smallTargets(page: Page, min = 24): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, summary, a[href], textarea')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // WCAG 2.5.8's inline exception: a link inside a sentence is as tall as the line it sits in.
      if (el instanceof HTMLAnchorElement && getComputedStyle(el).display === 'inline' && el.closest('p')) continue;
      const closed = el.closest('details:not([open])');
      if (closed && el !== closed.querySelector(':scope > summary')) continue;
      const input = el instanceof HTMLInputElement ? el : undefined;
      const label = input?.labels?.[0]?.getBoundingClientRect();
      const withLabel =
        label && ['checkbox', 'radio'].includes(input?.type ?? '')
          ? {
              width: Math.max(box.right, label.right) - Math.min(box.left, label.left),
              height: Math.max(box.height, label.height),
            }
          : box;
      if (withLabel.width < min || withLabel.height < min)
        small.push(
          `${el.tagName.toLowerCase()}#${el.id} ${Math.round(withLabel.width)}×${Math.round(withLabel.height)}`,
        );
    }
    return small;
  }, min);
}

/**
 * Presses Tab until focus comes round again; returns the visible, enabled controls it never
 * reached (by tag and id or text).
 */
export async function unreachableByKeyboard(page: Page, maxTabs = 300): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    (window as unknown as { __focused: Set<Element> }).__focused = new Set();
    document.addEventListener('focusin', (e) =>
      (window as unknown as { __focused: Set<Element> }).__focused.add(e.target as Element),
    );
  });
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const done = await page.evaluate(() => {
      const seen = (window as unknown as { __focused: Set<Element> }).__focused;
      return seen.size > 1 && document.activeElement === [...seen][0];
    });
    if (done) break;
  }
  return page.evaluate(() => {
    const seen = (window as unknown as { __focused: Set<Element> }).__focused;
    const missed: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, summary, a[href], textarea')) {
      const box = el.getBoundingClientRect();
      const disabled = (el as HTMLButtonElement).disabled;
      if (disabled || box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // Inside a closed <details> only the summary shows (the rest may keep a layout box, hidden).
      const closed = el.closest('details:not([open])');
      if (closed && el !== closed.querySelector(':scope > summary')) continue;
      if (!seen.has(el))
        missed.push(`${el.tagName.toLowerCase()}#${el.id} ${el.textContent?.trim().slice(0, 30) ?? ''}`);
    }
    return missed;
  });
}

/** Saves a screenshot of the window (and one of the whole page) as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
  return path;
}
