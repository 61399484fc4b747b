import { compose } from '../../src/compose';
import { builtinCorpus, composeOptions, findPreset, modelFor } from '../../src/presets';
import { type Figure, medianCpuMs, medianMs } from './measure';

/** Composing 64 and 1000 bars of all tracks, in Node; the 1000-bar figure is compared with 64 bars. */
export function benchGenerate(): Figure[] {
  const preset = findPreset('pop-ballad');
  const corpus = preset && builtinCorpus(preset.corpus);
  if (!preset || !corpus) throw new Error('pop-ballad or its corpus missing');
  const model = modelFor(corpus, preset);
  const run =
    (bars: number, using = model) =>
    () =>
      compose(using, composeOptions(preset, { preset: preset.name, seed: 1, bars }), 1);
  const short = medianMs(run(64), 15);
  const long = medianMs(run(1000), 5);
  // The piece memory's cost: the same model with its weight set to 0 keeps none.
  const forgetful = { ...model, pitch: { ...model.pitch, weights: { ...model.pitch.weights, memory: 0 } } };
  const cpu = medianCpuMs(run(64), 15);
  const cpuForgetful = medianCpuMs(run(64, forgetful), 15);
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
      value: long,
      unit: 'ms',
      baseline: { name: '64 bars', value: short, ratio: long / short },
    },
  ];
}
