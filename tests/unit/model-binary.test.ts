import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeModel,
  distribution,
  encodeModel,
  isModelBinary,
  type MuseModel,
  originalityReport,
  parseModel,
  serializeModel,
  trainModel,
} from '../../src/model';
import { wordsHash64 } from '../../src/model/hash';
import { derivedTables } from '../../src/model/modelBinary';
import { builtinCorpus } from '../../src/presets';

/**
 * The binary form the page keeps, ships and gets from its training worker (modelBinary.ts): the
 * same model as its JSON file — same tables, predictions and provenance — and a damaged, newer or
 * hand-made one refused with a message, never read out of bounds. Each refusal has its control:
 * the intact bytes read (the round trip).
 */

let model: MuseModel;
let json = '';
let bytes: Uint8Array;

beforeAll(() => {
  const pieces = builtinCorpus('reels')?.pieces ?? [];
  json = JSON.stringify(serializeModel(trainModel(pieces, { order: 4 })));
  const parsed = parseModel(json);
  if (!parsed.ok) throw new Error(parsed.error.message);
  model = parsed.value;
  bytes = encodeModel(model);
});

const read = (b: Uint8Array) => {
  const r = decodeModel(b);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The bytes with their checksum made right again (a hand-made file, not damage). */
function resealed(b: Uint8Array): Uint8Array {
  const [a, c] = wordsHash64(new Uint32Array(b.buffer, b.byteOffset + 16, (b.length - 16) / 4));
  const view = new DataView(b.buffer, b.byteOffset);
  view.setUint32(8, a, true);
  view.setUint32(12, c, true);
  return b;
}

/** A model read from the bytes into arrays of its own, changed by `plant`, written again (checksum right). */
function planted(plant: (m: MuseModel) => void): Uint8Array {
  const m = read(bytes.slice());
  plant(m);
  return encodeModel(m);
}

describe('the binary model form', () => {
  it('JSON file → model → binary → model gives the JSON file back: same tables, provenance and content hash', () => {
    expect(isModelBinary(bytes)).toBe(true);
    expect(isModelBinary(new TextEncoder().encode(json))).toBe(false);
    const back = read(bytes);
    expect(JSON.stringify(serializeModel(back))).toBe(json);
    expect(back.provenance).toEqual(model.provenance);
    expect(back.provenance.contentHash).toBe(model.provenance.contentHash);
    expect(back.options).toEqual(model.options);
    expect(back.pitch.weights).toEqual(model.pitch.weights);
    expect(back.style).toEqual(model.style);
    // The same bytes again: the form is a function of the model.
    expect(encodeModel(back)).toEqual(bytes);
  });

  it('predicts as the model it was written from, and guards and reports the same', () => {
    const back = read(bytes);
    for (const context of [[], ['I|12'], ['I|12', 'V|12'], ['IV|6', 'V|6', 'I|12']]) {
      const a = distribution(model.harmony, context);
      const b = distribution(back.harmony, context);
      expect(b.tokens).toEqual(a.tokens);
      expect([...b.probabilities]).toEqual([...a.probabilities]);
    }
    const tokens = model.guards.melody.pieces[0].tokens.slice(0, 20);
    expect(originalityReport(back.guards.melody, tokens)).toEqual(originalityReport(model.guards.melody, tokens));
    expect(back.guards.melody.pieces.map((p) => p.tokens)).toEqual(model.guards.melody.pieces.map((p) => p.tokens));
    expect(back.guards.chords.forbidden.size).toBe(model.guards.chords.forbidden.size);
  });

  it('with the tables its writer derived (the training worker), reads the same model without deriving them', () => {
    const back = decodeModel(bytes, { derived: derivedTables(model) });
    if (!back.ok) throw new Error(back.error.message);
    expect(JSON.stringify(serializeModel(back.value))).toBe(json);
    expect(back.value.rhythm.trie).toEqual(model.rhythm.trie);
    expect(back.value.harmony.discounts).toEqual(model.harmony.discounts);
  });

  it('refuses a newer version, saying which it reads and what to do', () => {
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(16, 2, true);
    const r = decodeModel(resealed(newer));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('model-version');
    expect(r.error.message).toMatch(/model version 2 is newer than this markov-muse reads \(1\): update markov-muse/);
  });

  it('refuses damage: a changed byte anywhere, the end cut off, other data', () => {
    for (const at of [20, 40, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = bytes.slice();
      damaged[at] ^= 0x10;
      const r = decodeModel(damaged);
      expect(r.ok, `byte ${at}`).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/checksum.*does not match: the model is damaged/);
    }
    for (const cut of [bytes.slice(0, bytes.length - 8), bytes.slice(0, 30), bytes.slice(0, 4)]) {
      const r = decodeModel(cut);
      expect(r.ok).toBe(false);
    }
    const r = decodeModel(new TextEncoder().encode(json));
    expect(!r.ok && r.error.message).toMatch(/not a markov-muse model/);
  });

  it('refuses a hand-made model whose tables do not fit together (checksum right), naming the part', () => {
    const cases: [string, (m: MuseModel) => void, RegExp][] = [
      [
        'a count of 0',
        (m) => {
          m.rhythm.trie.raw.count[3] = 0;
        },
        /rhythm: raw counts: a count of 0/,
      ],
      [
        'a token outside the vocabulary',
        (m) => {
          m.harmony.trie.raw.token[0] = m.harmony.symbols.length + 5;
        },
        /harmony: raw counts: token \d+ is not in the vocabulary/,
      ],
      [
        'children out of order',
        (m) => {
          const { symbol, childStart } = m.harmony.trie;
          const first = childStart[0];
          [symbol[first], symbol[first + 1]] = [symbol[first + 1], symbol[first]];
        },
        /harmony: trie node 0's children are not sorted/,
      ],
      [
        'children before their parent',
        (m) => {
          m.rhythm.trie.childStart[1] = 0;
        },
        /rhythm: trie (node 0's children run backwards|children do not cover)/,
      ],
      [
        'a guard token that is not one',
        (m) => {
          m.guards.chords.grams.sequence[5] = 1_000_000;
        },
        /guards\.chords.*token id 1000000 is not a token/,
      ],
    ];
    for (const [name, plant, message] of cases) {
      const r = decodeModel(planted(plant));
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.message, name).toMatch(message);
    }
    // The control: written again unchanged, it reads.
    expect(decodeModel(planted(() => {})).ok).toBe(true);
  });

  it('never throws on bytes that only begin like a model', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 200; i++) {
      const junk = bytes.slice(0, 64 + 8 * (next() % 64));
      for (let k = 16; k < junk.length; k += 1 + (next() % 7)) junk[k] = next() & 0xff;
      const r = decodeModel(resealed(junk));
      expect(r.ok).toBe(false);
    }
  });
});
