import { compose } from '../../src/compose';
import type { MuseModel } from '../../src/model';
import { builtinCorpus, composeOptions, corpusLongestChord, findPreset, modelFor } from '../../src/presets';
import { type Figure, medianCpuMs, medianMs } from './measure';

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
 * Composing 64 and 1000 bars of all tracks, in Node; the 1000-bar figure is compared with 64 bars,
 * the CPU time of 64 bars with the same without the piece memory. Then the arranger's dearest
 * styles at 64 bars: the chorale's four-part writing against the same chorale voiced as close
 * chords, and lofi-jazz (rootless voicings under the tune) against 64 bars of pop-ballad.
 */
export function benchGenerate(): Figure[] {
  const pop = recipe('pop-ballad', 64);
  const run =
    (r: ReturnType<typeof recipe>, using: MuseModel = r.model) =>
    () =>
      compose(using, r.options, 1);
  const short = medianMs(run(pop), 15);
  const thousand = medianMs(run(recipe('pop-ballad', 1000)), 5);
  // The piece memory's cost: the same model with its weight set to 0 keeps none.
  const m = pop.model;
  const forgetful = { ...m, pitch: { ...m.pitch, weights: { ...m.pitch.weights, memory: 0 } } };
  const cpu = medianCpuMs(run(pop), 15);
  const cpuForgetful = medianCpuMs(run(pop, forgetful), 15);
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
      name: 'generate 64 bars (CPU time)',
      value: cpu,
      unit: 'ms',
      baseline: { name: 'without the piece memory', value: cpuForgetful, ratio: cpu / cpuForgetful },
    },
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
