import { parseModel, serializeModel, trainModel } from '../../src/model';
import { builtinCorpus } from '../../src/presets/builtin';
import { presetSchema } from '../../src/presets/schema';
import { type Figure, medianMs } from './measure';

/**
 * What the checks of issue #19 cost. Reading a model file: every check with the checksum, against
 * the same read without it (a file from before checksums, read as the page's store reads those).
 * The form check: a refused form of 33 spaced letters against an accepted one of 32 (the old
 * pattern took 25–52 s on the first; the new one costs about the same for both).
 */
export function benchUntrusted(): Figure[] {
  const pieces = builtinCorpus('songbook')?.pieces;
  if (!pieces) throw new Error('songbook missing');
  const file = serializeModel(trainModel(pieces));
  const text = JSON.stringify(file);
  const { checksum: _, ...unchecked } = file;
  const legacy = JSON.stringify(unchecked);
  const kib = Math.round(text.length / 1024);
  const plain = medianMs(() => parseModel(legacy, { legacy: true }), 9);
  const checked = medianMs(() => parseModel(text), 9);

  const form = presetSchema.shape.form;
  const letters = (n: number) => Array.from({ length: n }, () => 'A').join(' ');
  const repeat = (f: () => unknown) => () => {
    for (let i = 0; i < 1000; i++) f();
  };
  const accepted =
    medianMs(
      repeat(() => form.safeParse(letters(32))),
      9,
    ) / 1000;
  const refused =
    medianMs(
      repeat(() => form.safeParse(letters(33))),
      9,
    ) / 1000;
  return [
    { name: `read model file (songbook, ${kib} KiB), no checksum`, value: plain, unit: 'ms' },
    {
      name: `read model file (songbook, ${kib} KiB), checksum verified`,
      value: checked,
      unit: 'ms',
      baseline: { name: 'no checksum', value: plain, ratio: checked / plain },
    },
    { name: 'form check, 32 spaced letters (accepted)', value: accepted, unit: 'ms' },
    {
      name: 'form check, 33 spaced letters (refused)',
      value: refused,
      unit: 'ms',
      baseline: { name: '32 accepted', value: accepted, ratio: refused / accepted },
    },
  ];
}
