import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { piecesOf } from '../../src/cli/import';
import { splitFiles } from '../../src/cli/train';
import type { CorpusPiece } from '../../src/corpus';
import { labelChords, measureChordAccuracy } from '../../src/corpus/chords';
import { importMidi } from '../../src/corpus/midi';
import { evaluate, fnv1a64, trainModel } from '../../src/model';
import { builtinPresets, generate, loadBuiltinCorpora } from '../../src/presets';
import { SHARED_CORPORA } from './shared';

/**
 * The model's quality figures that issue 17's speed work must not move, measured the same way on
 * main before the work (tests/fixtures/quality-before.json, written by tests/bench/quality-before.ts)
 * and on every change after it (tests/corpus/quality-unchanged.test.ts): held-out bits per pitch and
 * per duration (90 % of the Nottingham tunes trained, every 10th held out), the chord labels'
 * accuracy on the Nottingham chord tracks (and a fingerprint of every label), and the originality
 * reports of the built-in presets' pieces (seeds 1 and 2) and of a blend.
 */
export interface QualityFigures {
  heldOut: ReturnType<typeof evaluate>;
  chordLabels: { judged: number; matched: number; accuracy: number; labels: number; fingerprint: string };
  originality: Record<string, unknown>;
}

const quiet = { out: () => {}, err: () => {} };

/** The Nottingham tunes split as `muse train --holdout 10` splits them: 90 % to train, every 10th held out. */
export function nottinghamSplit(): { train: CorpusPiece[]; test: CorpusPiece[] } {
  const folder = join(SHARED_CORPORA, 'nottingham');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.mid'))
    .map((f) => join(folder, f));
  return {
    train: piecesOf(splitFiles(files, 10, 'train'), quiet),
    test: piecesOf(splitFiles(files, 10, 'test'), quiet),
  };
}

/** Held-out evaluation of a model trained on 90 % of the Nottingham tunes. */
export function heldOutFigures(): QualityFigures['heldOut'] {
  const { train, test } = nottinghamSplit();
  return evaluate(trainModel(train, { order: 4 }), test);
}

/** The chord labels of the Nottingham chord tracks against the notes sounding. */
export function chordLabelFigures(): QualityFigures['chordLabels'] {
  const folder = join(SHARED_CORPORA, 'nottingham');
  let judged = 0;
  let matched = 0;
  let labels = 0;
  const all: string[] = [];
  for (const f of readdirSync(folder)
    .filter((f) => f.endsWith('.mid'))
    .sort()) {
    const r = importMidi(readFileSync(join(folder, f)), f);
    if (!r.ok) continue;
    const p = r.value;
    const chords = p.tracks.find((t) => t.role === 'chords')?.notes ?? [];
    const labelled = labelChords(chords, { meter: p.meter, key: p.key, mode: p.mode });
    const report = measureChordAccuracy(labelled, chords);
    judged += report.judged;
    matched += report.matched;
    labels += labelled.length;
    all.push(JSON.stringify(labelled));
  }
  return { judged, matched, accuracy: matched / judged, labels, fingerprint: fnv1a64(all.join('\n')) };
}

/** The originality reports of every built-in preset's pieces (seeds 1, 2) and of one blend. */
export async function originalityFigures(): Promise<QualityFigures['originality']> {
  await loadBuiltinCorpora();
  const out: Record<string, unknown> = {};
  for (const p of builtinPresets()) {
    for (const seed of [1, 2]) {
      const g = generate({ preset: p.name, seed });
      if (!g.ok) throw new Error(g.error.message);
      out[`${p.name}:${seed}`] = g.value.originality;
    }
  }
  const b = generate({ preset: 'folk-dance', seed: 3, blend: { corpus: 'folk-jigs', weight: 0.3 } });
  if (!b.ok) throw new Error(b.error.message);
  out['folk-dance:3+folk-jigs'] = b.value.originality;
  return out;
}
