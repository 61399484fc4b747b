import { applyEdits, regenerate, resolveOptions } from '../../src/compose';
import { mergeModels, trainModel } from '../../src/model';
import {
  blendCopies,
  blendFor,
  builtinCorpus,
  composeOptions,
  findPreset,
  generate,
  modelFor,
} from '../../src/presets';
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
  // Variation 0.1 on the bass and drums: their rhythm kept, a few notes changed (vary.ts).
  const varied = () =>
    regenerate(piece, model, o, { from: 4, to: 12, parts: ['bass', 'drums'], seed: seed++, variation: 0.1 });
  // The chord lane: a bar's chord picked (voicing, bass and a drum fill follow it).
  const chordPick = () =>
    applyEdits(piece, [{ op: 'chord', from: 8 * 1920, to: 9 * 1920, roman: seed++ % 2 ? 'IV' : 'ii' }], {
      model,
      options: o,
      seed: recipe.seed,
    });
  const again = () => generate({ ...recipe, seed: seed++ });
  // Warm-up, the same for all: the compiled phrase shapes and the JIT settle over the first
  // few dozen calls (one warm-up call, as medianMs does, leaves the first figure measured cold).
  const all = [section, chordsOnly, varied, chordPick, again];
  for (let i = 0; i < 30; i++) for (const f of all) f();
  const [sectionMs, chords, variedMs, pickMs, whole] = all.map((f) => medianMs(() => void f(), 21));
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
    {
      name: 'regenerate selection, 8 bars, bass and drums at Variation 0.1',
      value: variedMs,
      unit: 'ms',
      baseline: { ...baseline, ratio: variedMs / whole },
    },
    {
      name: 'chord lane: a chord picked for a bar (voicing, bass, drum fill)',
      value: pickMs,
      unit: 'ms',
      baseline: { ...baseline, ratio: pickMs / whole },
    },
    ...blendFigures(),
  ];
}

/**
 * Blending a trained model: the two models' counts merged (what choosing a trained model in Blend
 * costs once), against blending two built-in corpora, which trains on both corpora's pieces —
 * folk-dance's reels with the jigs, the jigs once as a trained model, once as a built-in corpus.
 */
function blendFigures(): Figure[] {
  const preset = findPreset('folk-dance');
  const [reels, jigs] = [preset && builtinCorpus(preset.corpus), builtinCorpus('folk-jigs')];
  if (!preset || !reels || !jigs) throw new Error('folk-dance, its corpus or folk-jigs missing');
  const a = modelFor(reels, preset);
  const trained = trainModel(jigs.pieces, { order: preset.model.order });
  const copies = blendCopies(reels.pieces.length, jigs.pieces.length, 0.3);
  // blendFor keeps its models; each measured call blends at another weight so that none is cached.
  let w = 0.3;
  const merge = () => mergeModels(a, trained, copies);
  const fromPieces = () => {
    w = w >= 0.9 ? 0.1 : Math.round((w + 0.01) * 100) / 100;
    return blendFor(reels, jigs, w, preset);
  };
  for (let i = 0; i < 3; i++) for (const f of [merge, fromPieces]) f();
  const [merged, trainedBoth] = [merge, fromPieces].map((f) => medianMs(() => void f(), 9));
  return [
    {
      name: `blend with a trained model: merging its counts (${reels.pieces.length} + ${jigs.pieces.length} pieces)`,
      value: merged,
      unit: 'ms',
      baseline: {
        name: 'blending two built-in corpora (training on both)',
        value: trainedBoth,
        ratio: merged / trainedBoth,
      },
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadBuiltinCorpora } = await import('../../src/presets');
  const { printFigures } = await import('./measure');
  await loadBuiltinCorpora();
  printFigures(benchEdit(), process.argv.includes('--json'));
}
