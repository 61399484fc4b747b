import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectJson, jsonTextDepth, MAX_JSON_DEPTH, parseUntrustedJson } from '../../src/core';
import { parseCorpus } from '../../src/corpus';
import { importFile } from '../../src/corpus/importFile';
import { parseModel, serializeModel, trainModel } from '../../src/model';
import { builtinCorpus, builtinPresets, parsePreset, parsePresetText } from '../../src/presets';
import { fuzzBudget } from '../helpers/fuzzBudget';

/**
 * Issue #19, case 2: the preset, model and corpus readers take random JSON — nested up to 100,000
 * deep, or wide and large — and answer with a value or a typed refusal, never an exception (the
 * stack overflow that a recursive walk met at 30,000 levels). Fixed seed in `npm test`; longer with
 * `npm run fuzz`.
 */
const budget = fuzzBudget();
const params = (numRuns: number) => ({ seed: budget.seed, numRuns: numRuns * budget.scale });

/** A JSON text nested `depth` deep in a random mix of arrays and objects (built as text: no recursion). */
const deepText = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }))
  .map(([depth, pattern]) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const object = pattern[i % pattern.length];
      open += object ? '{"k":' : '[';
      close = (object ? '}' : ']') + close;
    }
    return { depth, text: `${open}1${close}` };
  });

/** A reader's answer, checked: it never throws, and a refusal carries a message. */
function answers(read: () => { ok: boolean; error?: { message: string } }): string | undefined {
  let r: { ok: boolean; error?: { message: string } };
  try {
    r = read();
  } catch (e) {
    return `threw ${String(e)}`;
  }
  return r.ok || (r.error?.message ?? '').length > 0 ? undefined : 'refused without a message';
}

describe('untrusted JSON readers (issue #19)', () => {
  it('the depth checks agree with the nesting built, whatever the depth', () => {
    fc.assert(
      fc.property(deepText, ({ depth, text }) => {
        expect(jsonTextDepth(text)).toBe(depth);
        const parsed = parseUntrustedJson(text);
        expect(parsed.ok).toBe(depth <= MAX_JSON_DEPTH);
        if (!parsed.ok) expect(parsed.error.kind).toBe('too-deep');
        else expect(inspectJson(parsed.value)).toBeUndefined();
        // The value (JSON.parse copes with any depth) is refused by the walk without recursion.
        expect(inspectJson(JSON.parse(text))?.kind).toBe(depth > MAX_JSON_DEPTH ? 'too-deep' : undefined);
      }),
      params(60),
    );
  });

  it('a recursive walk overflows where the readers do not (planted fault: the old forbiddenKey)', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}1${']'.repeat(30_000)}`);
    const recursive = (v: unknown): number => (Array.isArray(v) ? 1 + recursive(v[0]) : 0);
    expect(() => recursive(deep)).toThrow(RangeError);
    expect(inspectJson(deep)?.kind).toBe('too-deep');
  });

  it('deep JSON anywhere in a preset, a model, a corpus or an imported file: a typed refusal', () => {
    const preset = builtinPresets()[0];
    fc.assert(
      fc.property(deepText, fc.constantFrom('name', 'melody', 'model', 'extra'), ({ text }, field) => {
        const wrapped = `{${Object.entries(preset)
          .filter(([k]) => k !== field)
          .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
          .join(',')},${JSON.stringify(field)}:${text}}`;
        const value = () => JSON.parse(wrapped);
        for (const read of [
          () => parsePresetText(wrapped),
          () => parsePreset(value()),
          () => parseModel(wrapped),
          () => parseModel({ format: 'markov-muse/model', version: 1, harmony: value() }),
          () => parseCorpus(value()),
          () => importFile('deep.json', new TextEncoder().encode(wrapped)).lines[0],
        ])
          expect(answers(read as () => { ok: boolean; error?: { message: string } })).toBeUndefined();
      }),
      params(30),
    );
  });

  it('random JSON values of any shape: a value or a typed refusal from every reader', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        const text = JSON.stringify(value) ?? 'null';
        for (const read of [
          () => parsePresetText(text),
          () => parsePreset(value),
          () => parseModel(text),
          () => parseModel(value),
          () => parseCorpus(value),
        ])
          expect(answers(read as () => { ok: boolean; error?: { message: string } })).toBeUndefined();
      }),
      params(300),
    );
  });

  it('large model files with random arrays in place of a chain: a refusal naming a field', () => {
    const corpus = builtinCorpus('songbook');
    if (!corpus) throw new Error('songbook not loaded');
    const file = serializeModel(trainModel(corpus.pieces.slice(0, 8), { order: 2, fitWeights: false }));
    expect(parseModel(JSON.stringify(file)).ok).toBe(true); // the control
    fc.assert(
      fc.property(
        fc.constantFrom('harmony', 'rhythm'),
        fc.constantFrom('symbols', 'vocabulary', 'counts'),
        fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null)), { maxLength: 200_000 }),
        (part, key, list) => {
          const edited = { ...file, [part]: { ...file[part], [key]: list } };
          const r = parseModel(JSON.stringify(edited));
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.path).toMatch(/^(harmony|rhythm|checksum)/);
        },
      ),
      params(20),
    );
  });
});
