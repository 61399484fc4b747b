import { compose } from '../../src/compose';
import { builtinCorpus, composeOptions, corpusLongestChord, findPreset, modelFor } from '../../src/presets';
import { type Figure, medianMs } from './measure';

/** A preset's model and compose options for `bars` bars, as `generate` makes them. */
function recipe(name: string, bars: number) {
  const preset = findPreset(name);
  const corpus = preset && builtinCorpus(preset.corpus);
  if (!preset || !corpus) throw new Error(`${name} or its corpus missing`);
  const model = modelFor(corpus, preset);
  const options = {
    ...composeOptions(preset, { preset: preset.name, seed: 1, bars }),
    longestChord: corpusLongestChord(corpus),
  };
  return { preset, model, options };
}

/**
 * Composing 64 and 1000 bars of all tracks, in Node; the 1000-bar figure is compared with 64 bars.
 * Then the arranger's dearest styles at 64 bars: the chorale's four-part writing against the same
 * chorale voiced as close chords, and lofi-jazz (rootless voicings under the tune) against 64 bars
 * of pop-ballad.
 */
export function benchGenerate(): Figure[] {
  const pop = recipe('pop-ballad', 64);
  const long = recipe('pop-ballad', 1000);
  const run = (r: ReturnType<typeof recipe>) => () => compose(r.model, r.options, 1);
  const short = medianMs(run(pop), 15);
  const thousand = medianMs(run(long), 5);
  const chorale = recipe('chorale', 64);
  const closeChorale = {
    ...chorale,
    options: { ...chorale.options, chords: { ...chorale.preset.chords, voicing: 'close' as const } },
  };
  const fourPart = medianMs(run(chorale), 15);
  const close = medianMs(run(closeChorale), 15);
  const lofi = medianMs(run(recipe('lofi-jazz', 64)), 15);
  return [
    { name: 'generate 64 bars', value: short, unit: 'ms' },
    {
      name: 'generate 1000 bars',
      value: thousand,
      unit: 'ms',
      baseline: { name: '64 bars', value: short, ratio: thousand / short },
    },
    {
      name: 'generate 64 bars chorale (four-part)',
      value: fourPart,
      unit: 'ms',
      baseline: { name: 'close chords', value: close, ratio: fourPart / close },
    },
    {
      name: 'generate 64 bars lofi-jazz',
      value: lofi,
      unit: 'ms',
      baseline: { name: 'pop-ballad', value: short, ratio: lofi / short },
    },
  ];
}
