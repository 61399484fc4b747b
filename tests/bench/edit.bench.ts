import { regenerate, resolveOptions } from '../../src/compose';
import { composeOptions, generate } from '../../src/presets';
import { type Figure, medianMs } from './measure';

/**
 * Regenerate selection: an 8-bar section of every part of a 40-bar pop-ballad piece, and its chords
 * alone under the kept melody (the harder case: the chords must fit the melody, nothing is
 * precompiled); the baseline is composing the whole piece again (what a new seed costs), measured
 * the same way.
 */
export function benchEdit(): Figure[] {
  const g = generate({ preset: 'pop-ballad', seed: 1 });
  if (!g.ok) throw new Error(g.error.message);
  const { piece, model, preset, recipe } = g.value;
  const o = resolveOptions(composeOptions(preset, recipe));
  let seed = 0;
  const section = () =>
    regenerate(piece, model, o, {
      from: 4,
      to: 12,
      parts: ['melody', 'chords', 'bass', 'drums'],
      seed: seed++,
      variation: 1,
    });
  const chordsOnly = () =>
    regenerate(piece, model, o, { from: 4, to: 12, parts: ['chords', 'bass'], seed: seed++, variation: 1 });
  const again = () => generate({ ...recipe, seed: seed++ });
  // Warm-up, the same for all three: the compiled phrase shapes and the JIT settle over the first
  // few dozen calls (one warm-up call, as medianMs does, leaves the first figure measured cold).
  for (let i = 0; i < 30; i++) for (const f of [section, chordsOnly, again]) f();
  const [sectionMs, chords, whole] = [section, chordsOnly, again].map((f) => medianMs(() => void f(), 21));
  const baseline = { name: `composing the whole ${piece.bars}-bar piece`, value: whole };
  return [
    {
      name: 'regenerate selection, 8 bars, all parts',
      value: sectionMs,
      unit: 'ms',
      baseline: { ...baseline, ratio: sectionMs / whole },
    },
    {
      name: 'regenerate selection, 8 bars, chords under the kept melody',
      value: chords,
      unit: 'ms',
      baseline: { ...baseline, ratio: chords / whole },
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadBuiltinCorpora } = await import('../../src/presets');
  const { printFigures } = await import('./measure');
  await loadBuiltinCorpora();
  printFigures(benchEdit(), process.argv.includes('--json'));
}
