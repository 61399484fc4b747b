import type { Page } from 'playwright-core';

interface Muse {
  muse?: { recipe(): { preset: string } | undefined };
}

/**
 * Milliseconds from choosing `preset` in the Preset select to its piece in `window.muse` — the
 * bench's preset switch (page.bench.ts), and what the page tools trace (switchSequence.ts). With
 * `marks`, `performance.mark`s named so just before the choice and once the piece is there, for a
 * trace to find the switch by.
 */
export function switchTo(page: Page, preset: string, marks?: { start: string; end: string }): Promise<number> {
  return page.evaluate(
    async ({ name, marks }) => {
      const select = document.getElementById('preset') as HTMLSelectElement;
      if (marks) performance.mark(marks.start);
      const t0 = performance.now();
      select.value = name;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      // No function is named in here: tsx would name it with a helper the page has not got.
      while ((window as unknown as Muse).muse?.recipe()?.preset !== name)
        await new Promise((resolve) => setTimeout(resolve, 1));
      const ms = performance.now() - t0;
      if (marks) performance.mark(marks.end);
      return ms;
    },
    { name: preset, marks },
  );
}
