import { describe, expect, it } from 'vitest';
import { modelFileChunks, modelFileText, parseModel, serializeModel, trainModel } from '../../src/model';
import { ListText, modelChecksum, textWithChecksum } from '../../src/model/modelChecksum';
import { builtinCorpus, loadBuiltinCorpora } from '../../src/presets';

/** The value with every object's keys sorted and undefined members left out (an independent canonical form). */
const sorted = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => [k, sorted(o[k])]),
  );
};

/** The model file as muse train writes it: in chunks, keys sorted, the checksum last. */
describe('model file text', () => {
  it('is the file with its keys sorted and the checksum last: the text the checksum is taken over', async () => {
    await loadBuiltinCorpora();
    const reels = builtinCorpus('reels');
    if (!reels) throw new Error('no reels corpus');
    const model = trainModel(reels.pieces, { order: 3 });
    const { checksum, ...file } = serializeModel(model);
    const text = modelFileText(model);
    expect(text).toBe(JSON.stringify({ ...(sorted(file) as object), checksum }));
    expect(checksum).toBe(modelChecksum(file));
    expect(text.startsWith('{"format":"markov-muse/model",')).toBe(true);
    // The chunks are about 64 K characters: the file never whole while it is made.
    const chunks = [...modelFileChunks(model)];
    expect(chunks.length).toBeGreaterThan(text.length / 2 ** 17);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 ** 16 + 2 ** 15);
    expect(chunks.join('')).toBe(text);
    // It reads back as the same model, checksum checked.
    const back = parseModel(text);
    if (!back.ok) throw new Error(back.error.message);
    expect(JSON.stringify(serializeModel(back.value))).toBe(JSON.stringify(serializeModel(model)));
  });

  it('gives the same text in chunks of any size, for odd values and lists made piece by piece', () => {
    const file = {
      b: [1, 2, { z: 1, a: [null, 'x'] }],
      a: { y: undefined, x: -0, w: 'é"\n\u{1F3B5}' },
      c: [],
      d: {},
      e: new ListText(() => ['1,2', '', '3']),
    };
    const plain = { ...file, e: [1, 2, 3] };
    const whole = JSON.stringify({ ...(sorted(plain) as object), checksum: modelChecksum(plain) });
    for (const size of [1, 7, 1 << 16]) expect([...textWithChecksum(file, size)].join('')).toBe(whole);
    expect([...textWithChecksum({})].join('')).toBe(`{"checksum":"${modelChecksum({})}"}`);
    // Planted fault: another file, another checksum.
    const other = { ...plain, c: [0] };
    expect(modelChecksum(other)).not.toBe(modelChecksum(plain));
    expect(modelChecksum({ ...plain, e: new ListText(() => ['1,2,3']) })).toBe(modelChecksum(plain));
  });
});
