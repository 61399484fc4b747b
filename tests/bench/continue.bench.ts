/**
 * Continue (call and response) in headless Chromium against the built app, with a fake MIDI
 * keyboard and a fake MIDI synth: how late the answer's first note is sent for against the beat it
 * is due on (the synth's timestamp minus when that beat reaches the speakers), the median of several
 * phrases; the baseline is an accompaniment note on the same beat, measured the same way in the same
 * rounds (how exactly the scheduler times any note). Run alone with `npx tsx tests/bench/continue.bench.ts`.
 */
import { launchChromium, serveBuiltApp } from '../helpers/browser';
import { type FakeMidiWindow, fakeMidi, playPhrase } from '../helpers/fakeMidi';
import { type Figure, printFigures } from './measure';

interface MuseLive {
  muse: {
    recipe(): { seed: number } | undefined;
    piece(): { tracks: { id: string; channel: number; notes: { tick: number; pitch: number }[] }[] };
    live(): { answers: number; dueTick?: number; dueAt?: number };
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchContinue(rounds = 5): Promise<Figure[]> {
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // tsx names functions with esbuild's __name helper, which the page has not got.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(fakeMidi);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    await page.goto(`${server.url}#v=1&preset=folk-dance&seed=8&bars=64&tempo=120`);
    await page.waitForFunction(() => (window as unknown as MuseLive).muse?.recipe()?.seed === 8);
    const select = page.getByRole('combobox', { name: 'MIDI output', exact: true });
    await select.focus();
    await page.waitForFunction(() => document.querySelectorAll('#midi-output option').length === 2);
    await select.selectOption('out1');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const answer: number[] = [];
    const accompaniment: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      await page.evaluate(playPhrase, { pitches: [67, 69, 71, 74], onMs: 400, gapMs: 100 });
      await page.waitForFunction((n) => (window as unknown as MuseLive).muse.live().answers >= n, round);
      const state = await page.evaluate(() => (window as unknown as MuseLive).muse.live());
      await page.waitForTimeout(700);
      const { sent, piece } = await page.evaluate(() => ({
        sent: (window as unknown as FakeMidiWindow).__sent,
        piece: (window as unknown as MuseLive).muse.piece(),
      }));
      const due = state.dueAt ?? 0;
      const lateness = (channel: number, pitch: number) => {
        const ons = sent.filter((m) => m.data[0] === (0x90 | channel) && m.data[1] === pitch && m.data[2] > 0);
        return ons.map((m) => m.ts - due).reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
      };
      const first = piece.tracks[0].notes.find((n) => n.tick === state.dueTick);
      if (first) answer.push(lateness(piece.tracks[0].channel, first.pitch));
      for (const t of piece.tracks.slice(1)) {
        const on = t.notes.find((n) => n.tick === state.dueTick);
        if (on) {
          accompaniment.push(lateness(t.channel, on.pitch));
          break;
        }
      }
      await page.waitForTimeout(1500);
    }
    const value = median(answer);
    const base = median(accompaniment);
    return [
      {
        name: `Continue: answer's first note after its beat (${answer.length} phrases, fake MIDI)`,
        value,
        unit: 'ms',
        baseline: { name: 'an accompaniment note on the same beat', value: base, ratio: base === 0 ? 0 : value / base },
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  printFigures(await benchContinue(), process.argv.includes('--json'));
