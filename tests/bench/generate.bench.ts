import { compose } from '../../src/compose';
import { builtinCorpus, composeOptions, findPreset, modelFor } from '../../src/presets';
import { type Figure, medianMs } from './measure';

/** Composing 64 and 1000 bars of all tracks, in Node; the 1000-bar figure is compared with 64 bars. */
export function benchGenerate(): Figure[] {
  const preset = findPreset('pop-ballad');
  const corpus = preset && builtinCorpus(preset.corpus);
  if (!preset || !corpus) throw new Error('pop-ballad or its corpus missing');
  const model = modelFor(corpus, preset);
  const run = (bars: number) => () => compose(model, composeOptions(preset, { preset: preset.name, seed: 1, bars }), 1);
  const short = medianMs(run(64), 15);
  const long = medianMs(run(1000), 5);
  return [
    { name: 'generate 64 bars', value: short, unit: 'ms' },
    {
      name: 'generate 1000 bars',
      value: long,
      unit: 'ms',
      baseline: { name: '64 bars', value: short, ratio: long / short },
    },
  ];
}
