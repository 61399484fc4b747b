import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Chord } from 'tonal';
import { describe, expect, it } from 'vitest';
import { piecesOf } from '../../src/cli/import';
import { splitFiles } from '../../src/cli/train';
import { barTicks, beatTicks } from '../../src/core';
import { type CorpusPiece, chordOfRoman, chordPitchClasses } from '../../src/corpus';
import { harmonizeMelody, type MuseModel, trainModel } from '../../src/model';
import { melodyOf } from '../../src/presets';
import { SHARED_CORPORA, sharedCorporaAvailable } from '../helpers/shared';

const quiet = { out: () => {}, err: () => {} };

/** Root pitch class and major/minor of a chord symbol ("9m", "2"); null for what is not a chord. */
function rootAndQuality(symbol: string): string | null {
  const c = Chord.get(symbol);
  if (c.empty) return null;
  return `${chordPitchClasses(symbol)[0]}${c.intervals.includes('3m') ? 'm' : ''}`;
}

/** Beats where the harmonization's chord has the tune's own root and quality, of the beats the tune has a chord on. */
function agreement(model: MuseModel, tunes: readonly CorpusPiece[], evidence?: number) {
  let agree = 0;
  let beats = 0;
  for (const tune of tunes) {
    const melody = melodyOf(tune);
    if (!tune.chords?.length || melody.length === 0) continue;
    const bar = barTicks(tune.meter);
    const bars = Math.ceil(Math.max(...melody.map((n) => n.tick + n.duration)) / bar);
    const h = harmonizeMelody(model, { melody, bars, meter: tune.meter, key: tune.key, mode: tune.mode, evidence });
    if (!h.ok) throw new Error(`${tune.id}: ${h.error.message}`);
    for (let t = 0; t < bars * bar; t += beatTicks(tune.meter)) {
      const own = tune.chords.find((c) => t >= c.tick && t < c.tick + c.duration);
      const wanted = own && rootAndQuality(own.symbol);
      if (!wanted) continue;
      const mine = h.value.chords.find((c) => t >= (c.start * bar) / 12 && t < ((c.start + c.twelfths) * bar) / 12);
      beats++;
      if (mine && rootAndQuality(chordOfRoman(mine.roman, tune.key)) === wanted) agree++;
    }
  }
  return { agree, beats, share: agree / beats };
}

describe.skipIf(!sharedCorporaAvailable())(
  'Harmonize on Nottingham (trained on 90 %, every 10th tune held out)',
  () => {
    it("agrees with the held-out tunes' own chords on at least 60 % of beats (root and major/minor)", () => {
      const folder = join(SHARED_CORPORA, 'nottingham');
      const files = readdirSync(folder).map((f) => join(folder, f));
      const train = piecesOf(splitFiles(files, 10, 'train'), quiet);
      const test = piecesOf(splitFiles(files, 10, 'test'), quiet);
      // The chord chain and the melody's harmony expert do not depend on the fitted pitch weights.
      const model = trainModel(train, { order: 4, fitWeights: false });
      const result = agreement(model, test);
      console.log(
        `Harmonize, Nottingham held out: ${result.agree} of ${result.beats} beats agree (${(100 * result.share).toFixed(1)} %)`,
      );
      expect(result.share).toBeGreaterThanOrEqual(0.6);
      // Negative control: the chord chain alone, the melody not heard, falls well short.
      const blind = agreement(model, test, 0);
      console.log(`  without the melody as evidence: ${(100 * blind.share).toFixed(1)} %`);
      expect(blind.share).toBeLessThan(result.share - 0.1);
    }, 300_000);
  },
);
