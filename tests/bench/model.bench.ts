import { createRng, type Meter, type Rng } from '../../src/core';
import { trainVariableChain } from '../../src/model/chainTraining';
import { sampleForward } from '../../src/model/forwardSample';
import { generateHarmonyPhrase, harmonyGuard, harmonyStepModel } from '../../src/model/harmonyPhrase';
import { chordContextOf, melodyLine } from '../../src/model/melodyLine';
import { generateMelodyPhrase } from '../../src/model/melodyPhrase';
import { barUnits } from '../../src/model/metric';
import { type MuseModel, melodyGuardTokens, trainModel } from '../../src/model/museModel';
import { phraseGuard } from '../../src/model/pitchGuard';
import { pitchStepModel } from '../../src/model/pitchPhrase';
import { parseRhythmToken } from '../../src/model/rhythmModel';
import { rhythmStepModel } from '../../src/model/rhythmPhrase';
import { builtinCorpus } from '../../src/presets/builtin';
import { type Figure, medianMs } from './measure';

const PHRASES = 40;
const meter: Meter = [4, 4];

/** Training the chain (tokens/s) and the whole model; generating phrases plain, guarded, constrained, both. */
export function benchModel(): Figure[] {
  const pieces = builtinCorpus('songbook')?.pieces;
  if (!pieces) throw new Error('songbook missing');
  const figures: Figure[] = [];

  // Short sequences: the songbook's melodies (degree|length) cut into 16-token phrases, 20 times over.
  const phrases = pieces.flatMap((p) => {
    const tokens = melodyGuardTokens(melodyLine(p));
    return Array.from({ length: Math.ceil(tokens.length / 16) }, (_, i) => tokens.slice(16 * i, 16 * i + 16));
  });
  const corpus = Array.from({ length: 20 }, () => phrases).flat();
  const tokens = corpus.reduce((n, s) => n + s.length, 0);
  const trainMs = medianMs(() => trainVariableChain(corpus, { order: 4 }), 9);
  figures.push({ name: `train chain, order 4 (${tokens} tokens)`, value: tokens / (trainMs / 1000), unit: 'tokens/s' });
  figures.push({ name: 'train model (songbook, 30 pieces)', value: medianMs(() => trainModel(pieces), 5), unit: 'ms' });

  const model = trainModel(pieces);
  figures.push(...rates('melody', 'notes/s', (rng, guard, constrained) => melody(model, rng, guard, constrained)));
  figures.push(...rates('harmony', 'chords/s', (rng, guard, constrained) => harmony(model, rng, guard, constrained)));
  return figures;
}

/** Tokens per second of PHRASES phrases in each setting, each compared with plain forward sampling. */
function rates(
  what: string,
  unit: string,
  generate: (rng: Rng, guard: boolean, constrained: boolean) => number,
): Figure[] {
  const rate = (guard: boolean, constrained: boolean) => {
    let count = 0;
    const ms = medianMs(() => {
      const rng = createRng(1);
      count = 0;
      for (let i = 0; i < PHRASES; i++) count += generate(rng, guard, constrained);
    }, 7);
    return count / (ms / 1000);
  };
  const plain = rate(false, false);
  const baseline = { name: 'plain', value: plain };
  const vs = (value: number) => ({ ...baseline, ratio: value / plain });
  const guarded = rate(true, false);
  const constrained = rate(false, true);
  const both = rate(true, true);
  return [
    { name: `${what}: plain forward sampling`, value: plain, unit },
    { name: `${what}: guard only`, value: guarded, unit, baseline: vs(guarded) },
    { name: `${what}: constraints only`, value: constrained, unit, baseline: vs(constrained) },
    { name: `${what}: constraints and guard`, value: both, unit, baseline: vs(both) },
  ];
}

/** One 4-bar melody phrase over I–IV–V–I; returns its number of notes. */
function melody(model: MuseModel, rng: Rng, guard: boolean, constrained: boolean): number {
  const chords = ['I', 'IV', 'V7', 'I'].map((roman) => ({ roman, twelfths: 12 }));
  if (constrained) {
    const r = generateMelodyPhrase(
      model,
      { bars: 4, meter, key: 'C', mode: 'major', chords, low: 60, high: 84, guard },
      rng,
    );
    return r.ok ? r.value.notes.length : 0;
  }
  const step = rhythmStepModel(model.rhythm, model.options.order, meter, []);
  const bar = barUnits(meter);
  const rhythm = sampleForward(step, 4 * bar, rng);
  const slots = rhythm.tokens
    .map((t, i) => ({ token: parseRhythmToken(step.tokens[t]), onset: rhythm.positions[i] }))
    .filter((e) => e.token && !e.token.rest)
    .map((e) => ({
      onset: e.onset,
      units: e.token?.units ?? 12,
      chord: chordContextOf(chords[Math.min(3, Math.floor(e.onset / bar))].roman),
    }));
  const request = { slots, meter, family: 'M' as const, low: 60, high: 84, previous: [] };
  const pitchGuardFn = guard
    ? phraseGuard({
        ...request,
        guard: { index: model.guards.melody, context: [], transposed: model.guards.transposed },
      })
    : undefined;
  return sampleForward(pitchStepModel(model.pitch, request), slots.length, rng, { forbids: pitchGuardFn }).tokens
    .length;
}

/** One 4-bar harmony phrase (authentic cadence when constrained); returns its number of chords. */
function harmony(model: MuseModel, rng: Rng, guard: boolean, constrained: boolean): number {
  if (constrained) {
    const r = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence: 'authentic', guard }, rng);
    return r.ok ? r.value.chords.length : 0;
  }
  const step = harmonyStepModel(model, { mode: 'major' });
  return sampleForward(step, 48, rng, { forbids: guard ? harmonyGuard(model, step.tokens) : undefined }).tokens.length;
}
