import { describe, expect, it } from 'vitest';
import { modelFileText, serializeModel, trainModel } from '../../src/model';
import { jsonWithChecksum, modelChecksum } from '../../src/model/modelChecksum';
import { builtinCorpus, loadBuiltinCorpora } from '../../src/presets';

/** The model file's text made in one pass (muse train writes it) is JSON.stringify of the file. */
describe('jsonWithChecksum', () => {
  it('gives the text JSON.stringify gives of the file with its checksum, byte for byte', async () => {
    await loadBuiltinCorpora();
    const reels = builtinCorpus('reels');
    if (!reels) throw new Error('no reels corpus');
    const model = trainModel(reels.pieces, { order: 3 });
    const { checksum, ...file } = serializeModel(model);
    const text = jsonWithChecksum(file);
    expect(text).toBe(JSON.stringify(serializeModel(model)));
    expect(modelFileText(model)).toBe(text);
    expect(JSON.parse(text).checksum).toBe(checksum);
    expect(checksum).toBe(modelChecksum(file));
  });

  it('keeps key order in the file and sorts keys for the checksum, for odd values too', () => {
    const file = { b: [1, 2, { z: 1, a: [null, 'x'] }], a: { y: undefined, x: -0, w: 'é"\n' }, c: [], d: {} };
    expect(jsonWithChecksum(file)).toBe(JSON.stringify({ ...file, checksum: modelChecksum(file) }));
    // Planted fault: another file, another checksum.
    const other = { ...file, c: [0] };
    expect(JSON.parse(jsonWithChecksum(other)).checksum).not.toBe(JSON.parse(jsonWithChecksum(file)).checksum);
  });
});
