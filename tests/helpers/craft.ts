/**
 * Craft measures (issue #14) of sets of pieces, for goal tests: every preset's pieces over seeds,
 * and the reference corpora. Each set is measured once per test file and kept.
 *
 * @example
 * const { summary } = craftOfPreset('chorale');           // seeds 1–20
 * expect(summary.parallelFifths.share).toBeLessThanOrEqual(0.03);
 * expect(summary.clashes.max).toBeLessThanOrEqual(0.08); // every piece, not only the pool
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composedSet, corpusSet } from '../../src/cli/statsSets';
import type { Note } from '../../src/corpus';
import { importFile } from '../../src/corpus';
import { type CraftMeasures, type CraftSummary, measureCraft, summarizeCraft } from '../../src/eval';
import { findPreset } from '../../src/presets';
import { SHARED_CORPORA } from './shared';

/** A set's measures piece by piece, and summarized. */
export interface CraftSet {
  measures: CraftMeasures[];
  summary: CraftSummary;
}

const sets = new Map<string, CraftSet>();
const remember = (key: string, make: () => CraftMeasures[]): CraftSet => {
  let set = sets.get(key);
  if (!set) {
    const measures = make();
    set = { measures, summary: summarizeCraft(measures) };
    sets.set(key, set);
  }
  return set;
};

/**
 * The craft measures of a built-in preset's pieces for `count` seeds from `first` (default: 20
 * seeds, 1–20), each composed as written and as played, exactly as `muse stats --preset` does.
 */
export function craftOfPreset(name: string, count = 20, first = 1): CraftSet {
  const preset = findPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  return remember(`preset ${name} ${first}+${count}`, () => composedSet(preset, seeds).craft);
}

/** The craft measures of a built-in corpus (a preset's own corpus: `findPreset(p).corpus`). */
export function craftOfCorpus(name: string): CraftSet {
  return remember(`corpus ${name}`, () => corpusSet(name).craft);
}

/** The 382 JSB chorales (quarter-note steps, all three splits) of the shared corpora. */
export function craftOfJsb(): CraftSet {
  return remember('jsb', () => {
    const file = join(SHARED_CORPORA, 'jsb', 'jsb-chorales-quarter.json');
    return importFile(file, readFileSync(file)).pieces.map((p) => measureCraft(p));
  });
}

/** The 856 Nottingham tunes of the shared corpora. */
export function craftOfNottingham(): CraftSet {
  return remember('nottingham', () => {
    const folder = join(SHARED_CORPORA, 'nottingham');
    return readdirSync(folder)
      .sort()
      .flatMap((f) => importFile(f, readFileSync(join(folder, f))).pieces)
      .map((p) => measureCraft(p));
  });
}

/**
 * Planted faults for negative controls: a copy of the notes with a note a semitone under every
 * melody note added (a clash wherever the melody sounds), to show a clash goal can fail.
 */
export function withClashes(melody: readonly Note[], accompaniment: readonly Note[]): Note[] {
  return [...accompaniment, ...melody.map((n) => ({ ...n, pitch: n.pitch - 13 }))].sort(
    (a, b) => a.tick - b.tick || a.pitch - b.pitch,
  );
}

/** A copy of a part moved in parallel with the melody a twelfth below it (parallel fifths at every move). */
export function parallelTo(melody: readonly Note[]): Note[] {
  return melody.map((n) => ({ ...n, pitch: n.pitch - 19 }));
}
