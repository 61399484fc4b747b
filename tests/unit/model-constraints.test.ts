import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barTicks, beatTicks, createRng } from '../../src/core';
import { chordOfRoman, chordPitchClasses, scaleSteps } from '../../src/corpus';
import { isDominantChord, isTonicChord } from '../../src/model/cadences';
import { chainStepModel, generateSequence } from '../../src/model/chainPhrase';
import { distribution, probabilityOf } from '../../src/model/chainQuery';
import { trainVariableChain } from '../../src/model/chainTraining';
import { compileConstraints } from '../../src/model/compile';
import { sampleCompiled } from '../../src/model/constrainedSample';
import { buildCorpusIndex } from '../../src/model/guard';
import { generateHarmonyPhrase } from '../../src/model/harmonyPhrase';
import { melodyLine } from '../../src/model/melodyLine';
import { generateMelodyPhrase } from '../../src/model/melodyPhrase';
import { trainModel } from '../../src/model/museModel';
import { builtinCorpus } from '../../src/presets/builtin';

const pieces = builtinCorpus('songbook')?.pieces ?? [];
const degrees = pieces.map((p) => melodyLine(p).notes.map((n) => String(((n.pitch % 12) + 12) % 12)));
const degreeChain = trainVariableChain(degrees, { order: 4 });
const model = trainModel(pieces);

const totalVariation = (p: readonly number[], q: readonly number[]) =>
  p.reduce((s, x, i) => s + Math.abs(x - q[i]), 0) / 2;

describe('constraints compiled by the backward pass (Pachet, Roy & Barbieri 2011)', () => {
  const length = 16;
  const endsOnTonic = (i: number, t: string) => i < length - 1 || t === '0';

  it('1000 seeds asked to end on the tonic give 1000 sequences that end on it, none retried', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const r = generateSequence(degreeChain, { length, allowed: endsOnTonic }, createRng(seed));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.tokens).toHaveLength(length);
      expect(r.value.tokens[length - 1]).toBe('0');
    }
  });

  it('keeps the first-token distribution of the unconstrained model', () => {
    // Exactly: the constrained first-token law is P(t | start) · β₁(t), renormalised. Over 16 tokens
    // the chain forgets its first token long before the end, so β₁ is nearly flat and the two laws
    // must stay within 0.05 in total variation.
    const step = chainStepModel(degreeChain);
    const compiled = compileConstraints(step, length, (i, t) =>
      endsOnTonic(i, distribution(degreeChain, []).tokens[t]),
    );
    if (!compiled.ok) throw new Error(compiled.error.message);
    const free = Array.from(distribution(degreeChain, []).probabilities);
    const beta = compiled.value.beta[1] as Float64Array;
    const weighted = free.map((p, t) => p * beta[t + 1]);
    const z = weighted.reduce((a, b) => a + b, 0);
    const constrained = weighted.map((w) => w / z);
    expect(totalVariation(free, constrained)).toBeLessThan(0.05);
    // Empirically: 1000 draws of the first token. With K = 12 tokens, E[TV] ≤ ½·√((K−1)/N) ≈ 0.05;
    // 0.08 leaves room for the spread around that mean.
    const tokens = distribution(degreeChain, []).tokens;
    const seen = new Array(tokens.length).fill(0);
    for (let seed = 0; seed < 1000; seed++) {
      const r = generateSequence(degreeChain, { length, allowed: endsOnTonic }, createRng(seed));
      if (r.ok) seen[tokens.indexOf(r.value.tokens[0])] += 1 / 1000;
    }
    expect(totalVariation(seen, constrained)).toBeLessThan(0.08);
    expect(totalVariation(seen, free)).toBeLessThan(0.08 + 0.05);
  });

  it('is exact for an order-1 chain: samples follow P(sequence | constraints)', () => {
    const chain = trainVariableChain(
      [
        ['a', 'b', 'a', 'c', 'c', 'b'],
        ['b', 'a', 'a', 'c'],
      ],
      { order: 1 },
    );
    const allowed = (i: number, t: string) => (i === 2 ? t === 'b' : i !== 1 || t !== 'c');
    const exact = new Map<string, number>();
    for (const x of ['a', 'b', 'c'])
      for (const y of ['a', 'b', 'c']) {
        if (!allowed(1, y)) continue;
        const p = probabilityOf(chain, [], x) * probabilityOf(chain, [x], y) * probabilityOf(chain, [y], 'b');
        exact.set(`${x}${y}b`, p);
      }
    const z = [...exact.values()].reduce((a, b) => a + b, 0);
    const n = 20_000;
    const seen = new Map<string, number>();
    const rng = createRng(7);
    for (let i = 0; i < n; i++) {
      const r = generateSequence(chain, { length: 3, allowed }, rng);
      if (!r.ok) throw new Error(r.error.message);
      const key = r.value.tokens.join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.keys()].every((k) => exact.has(k))).toBe(true);
    for (const [k, p] of exact) expect(Math.abs((seen.get(k) ?? 0) / n - p / z)).toBeLessThan(0.015);
  });

  it('property: any corpus, order, constraints and guard give a sequence meeting them, or "cannot be met"', () => {
    const letters = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 10 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.subarray(letters)), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        (corpus, order, length, rules, maxRun, seed) => {
          const chain = trainVariableChain(corpus, { order });
          const allowed = (i: number, t: string) => rules.every(([p, set]) => p !== i || set.includes(t));
          const guard = buildCorpusIndex(
            corpus.map((tokens, i) => ({ id: String(i), tokens })),
            maxRun,
          );
          const r = generateSequence(chain, { length, allowed, guard }, createRng(seed));
          const vocabulary = distribution(chain, []).tokens;
          // Every vocabulary token is possible after any context, so "cannot be met" must mean
          // some position allows none of them.
          if (!r.ok) return Array.from({ length }, (_, i) => i).some((i) => vocabulary.every((t) => !allowed(i, t)));
          const copied = r.value.tokens.some(
            (_, i) => i >= maxRun && guard.forbidden.has(r.value.tokens.slice(i - maxRun, i + 1).join('\u0001')),
          );
          return (
            r.value.tokens.length === length &&
            r.value.tokens.every((t, i) => allowed(i, t)) &&
            (r.value.relaxed > 0 || !copied)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always puts a fixed token at its position', () => {
    for (let seed = 0; seed < 300; seed++) {
      const r = generateSequence(
        degreeChain,
        { length: 12, allowed: (i, t) => (i === 5 ? t === '7' : i === 11 ? t === '0' : true) },
        createRng(seed),
      );
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.tokens[5]).toBe('7');
      expect(r.value.tokens[11]).toBe('0');
    }
  });

  it('answers "cannot be met" with a typed error, at once', () => {
    const never = generateSequence(degreeChain, { length: 8, allowed: (i) => i !== 3 }, createRng(1));
    expect(never.ok).toBe(false);
    if (!never.ok) expect(never.error.code).toBe('constraints-unsatisfiable');
    const step = chainStepModel(degreeChain);
    const compiled = compileConstraints(step, 4, (i, t) => i !== 3 || t < 0);
    expect(compiled.ok).toBe(false);
    const melody = generateMelodyPhrase(
      model,
      { bars: 2, meter: [4, 4], key: 'C', mode: 'major', low: 61, high: 63, cadence: 'tonic' },
      createRng(1),
    );
    expect(melody.ok).toBe(false);
    if (!melody.ok) expect(melody.error.message).toMatch(/constraints/);
    const harmony = generateHarmonyPhrase(
      model,
      { bars: 4, mode: 'major', cadence: 'authentic', fixed: [{ at: 0, roman: 'not-a-chord' }] },
      createRng(1),
    );
    expect(harmony.ok).toBe(false);
  });
});

describe('generateHarmonyPhrase', () => {
  it('fills the bars exactly, keeps chords inside bars, and ends V–I (authentic) or on V (half)', () => {
    for (let seed = 0; seed < 300; seed++) {
      const cadence = seed % 2 === 0 ? 'authentic' : 'half';
      const r = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence, startOnTonic: true }, createRng(seed));
      if (!r.ok) throw new Error(r.error.message);
      const chords = r.value.chords;
      expect(chords.reduce((s, c) => s + c.twelfths, 0)).toBe(48);
      for (const c of chords) {
        const offset = c.start % 12;
        expect(offset === 0 ? c.twelfths <= 12 || c.twelfths % 12 === 0 : offset + c.twelfths <= 12).toBe(true);
        expect(chordOfRoman(c.roman, 'Eb')).not.toBe('');
      }
      const last = chords[chords.length - 1];
      expect(last.start).toBe(36);
      expect(isTonicChord(chords[0].roman, 'major')).toBe(true);
      if (cadence === 'authentic') {
        expect(isTonicChord(last.roman, 'major')).toBe(true);
        expect(isDominantChord(chords[chords.length - 2].roman, 'major')).toBe(true);
      } else expect(isDominantChord(last.roman, 'major')).toBe(true);
    }
  });
});

describe('generateMelodyPhrase', () => {
  it('1000 seeds: the phrase fills its bars, ends on the tonic on the last downbeat, in range and scale', () => {
    const meter = [3, 4] as const;
    const bar = barTicks(meter);
    const scale = new Set(scaleSteps('major').map((s) => (s + 7) % 12));
    for (let seed = 0; seed < 1000; seed++) {
      const rng = createRng(seed);
      const h = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence: 'authentic' }, rng);
      if (!h.ok) throw new Error(h.error.message);
      const m = generateMelodyPhrase(
        model,
        { bars: 4, meter, key: 'G', mode: 'major', chords: h.value.chords, low: 62, high: 81 },
        rng,
      );
      if (!m.ok) throw new Error(m.error.message);
      const notes = m.value.notes;
      const last = notes[notes.length - 1];
      expect(last.pitch % 12).toBe(7);
      expect(last.tick).toBe(3 * bar);
      expect(last.duration).toBeGreaterThanOrEqual(beatTicks(meter));
      expect(last.tick + last.duration).toBeLessThanOrEqual(4 * bar);
      let cursor = 0;
      for (const n of notes) {
        expect(n.tick).toBeGreaterThanOrEqual(cursor);
        cursor = n.tick + n.duration;
        expect(n.pitch).toBeGreaterThanOrEqual(62);
        expect(n.pitch).toBeLessThanOrEqual(81);
        const chord = h.value.chords.find(
          (c) => n.tick >= (c.start * bar) / 12 && n.tick < ((c.start + c.twelfths) * bar) / 12,
        );
        const tones = chord ? chordPitchClasses(chordOfRoman(chord.roman, 'G')) : [];
        expect(scale.has(n.pitch % 12) || tones.includes(n.pitch % 12)).toBe(true);
      }
      expect(notes[0].tick).toBe(0);
    }
  });

  it('puts fixed notes where they are asked for, and samples forward from a compiled phrase deterministically', () => {
    const r = generateMelodyPhrase(
      model,
      {
        bars: 2,
        meter: [4, 4],
        key: 'D',
        mode: 'major',
        low: 60,
        high: 84,
        fixed: [
          { tick: 960, pitch: 69 },
          { tick: 1920, pitch: 74 },
        ],
      },
      createRng(3),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.notes.find((n) => n.tick === 960)?.pitch).toBe(69);
    expect(r.value.notes.find((n) => n.tick === 1920)?.pitch).toBe(74);
    const step = chainStepModel(degreeChain);
    const compiled = compileConstraints(step, 10, () => true);
    if (!compiled.ok) throw new Error('unexpected');
    expect(sampleCompiled(compiled.value, createRng(9)).tokens).toEqual(
      sampleCompiled(compiled.value, createRng(9)).tokens,
    );
  });
});
