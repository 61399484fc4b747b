import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core';
import { distribution } from '../../src/model/chainQuery';
import { evaluate } from '../../src/model/evaluate';
import { generateHarmonyPhrase } from '../../src/model/harmonyPhrase';
import { fnv1a64 } from '../../src/model/hash';
import { generateMelodyPhrase } from '../../src/model/melodyPhrase';
import { parseModel } from '../../src/model/modelFile';
import { MODEL_FORMAT, MODEL_VERSION, serializeModel } from '../../src/model/modelFileWriter';
import { type MuseModel, trainModel } from '../../src/model/museModel';
import { provenanceOf } from '../../src/model/provenance';
import { builtinCorpus } from '../../src/presets/builtin';

const pieces = builtinCorpus('songbook')?.pieces ?? [];
const model = trainModel(pieces.slice(0, 20));
const text = JSON.stringify(serializeModel(model));

const refusal = (input: unknown) => {
  const r = parseModel(input);
  if (r.ok) throw new Error('accepted');
  return r.error;
};
const edited = (edit: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(text);
  edit(json);
  return json;
};

function phrase(m: MuseModel, seed: number) {
  const rng = createRng(seed);
  const h = generateHarmonyPhrase(m, { bars: 4, mode: 'major', cadence: 'authentic' }, rng);
  if (!h.ok) throw new Error(h.error.message);
  const line = generateMelodyPhrase(
    m,
    { bars: 4, meter: [4, 4], key: 'F', mode: 'major', chords: h.value.chords, low: 60, high: 84 },
    rng,
  );
  if (!line.ok) throw new Error(line.error.message);
  return { chords: h.value.tokens, notes: line.value.notes };
}

describe('model file', () => {
  it('is versioned JSON with options, counts and the corpus provenance', () => {
    const json = JSON.parse(text);
    expect(json.format).toBe(MODEL_FORMAT);
    expect(json.version).toBe(MODEL_VERSION);
    expect(json.options).toEqual(model.options);
    expect(json.provenance.pieces).toHaveLength(20);
    expect(json.provenance.pieces[0]).toEqual({
      id: pieces[0].id,
      title: pieces[0].title,
      composer: pieces[0].composer,
      source: pieces[0].source,
      licence: pieces[0].licence,
    });
    expect(json.provenance.contentHash).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(json.pitch.experts.tonal.counts.length).toBeGreaterThan(0);
  });

  it('round-trips: the parsed model predicts and generates exactly as the trained one', () => {
    const parsed = parseModel(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const back = parsed.value;
    expect(JSON.stringify(serializeModel(back))).toBe(text);
    for (const ctx of [[], ['I|12'], ['IV|6', 'V7|6'], ['x']])
      expect(distribution(back.harmony, [...ctx, 'M1+0'])).toEqual(distribution(model.harmony, [...ctx, 'M1+0']));
    expect(evaluate(back, pieces.slice(20))).toEqual(evaluate(model, pieces.slice(20)));
    for (const seed of [1, 2, 3]) expect(phrase(back, seed)).toEqual(phrase(model, seed));
  });

  it('refuses another format or version, naming the field', () => {
    expect(refusal(edited((j) => (j.version = 2)))).toMatchObject({ code: 'model-version', path: 'version' });
    expect(refusal(edited((j) => (j.version = 2))).message).toMatch(/version 2 is not supported.*version 1/);
    expect(refusal(edited((j) => (j.format = 'markov-muse/corpus')))).toMatchObject({ path: 'format' });
    expect(refusal(edited((j) => (j.format = 'markov-muse/corpus'))).message).toMatch(/not a markov-muse model/);
    expect(refusal({}).path).toBe('format');
    expect(refusal([]).message).toMatch(/not a JSON object/);
    expect(refusal(null).message).toMatch(/not a JSON object/);
  });

  it('refuses truncated JSON, wrong types and inconsistent counts', () => {
    expect(refusal(text.slice(0, Math.floor(text.length / 2))).message).toMatch(/not valid JSON/);
    expect(refusal('').message).toMatch(/not valid JSON/);
    expect(refusal(edited((j) => ((j.options as Record<string, unknown>).order = '4'))).path).toBe('options.order');
    expect(refusal(edited((j) => ((j.harmony as Record<string, unknown>).counts = [1, 2, 'x']))).path).toBe(
      'harmony.counts.2',
    );
    expect(refusal(edited((j) => delete j.rhythm)).path).toBe('rhythm');
    const badCounts = refusal(edited((j) => ((j.rhythm as { counts: number[] }).counts.length -= 1)));
    expect(badCounts.path).toBe('rhythm.counts');
    expect(badCounts.message).toMatch(/groups of/);
    const badId = refusal(edited((j) => ((j.harmony as { counts: number[] }).counts[0] = 10 ** 6)));
    expect(badId.message).toMatch(/not a symbol/);
    const badOrder = refusal(edited((j) => ((j.harmony as { order: number }).order = 2)));
    expect(badOrder.path).toBe('harmony.order');
    const badHash = refusal(edited((j) => ((j.provenance as { contentHash: string }).contentHash = 'md5:x')));
    expect(badHash.path).toBe('provenance.contentHash');
  });

  it('refuses keys that reach for the prototype, wherever they are', () => {
    const poisoned = text.replace('"options":{', '"options":{"__proto__":{"polluted":true},');
    expect(refusal(poisoned)).toMatchObject({ path: 'options' });
    expect(refusal(poisoned).message).toMatch(/__proto__/);
    const deep = text.replace('"pieces":[{', '"pieces":[{"constructor":{"prototype":{}},');
    expect(refusal(deep).message).toMatch(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('provenance', () => {
  it('hashes the training data with FNV-1a 64 (reference vectors), stable and sensitive', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    const a = provenanceOf(pieces).contentHash;
    expect(provenanceOf(pieces).contentHash).toBe(a);
    const changed = pieces.map((p, i) => (i === 3 ? { ...p, key: p.key === 'C' ? 'D' : 'C' } : p));
    expect(provenanceOf(changed).contentHash).not.toBe(a);
    expect(provenanceOf(pieces).pieces.map((p) => p.licence)).toEqual(pieces.map((p) => p.licence));
  });
});
