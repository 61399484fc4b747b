import { z } from 'zod';
import { describeIssue, err, inspectJson, ok, parseUntrustedJson, type Result } from '../core';
import type { VariableChain } from './chain';
import { GramIndex } from './gramIndex';
import { type CorpusIndex, corpusIndexOf } from './guard';
import { wordsHash64 } from './hash';
import { type CountRows, chainAt, type DerivedTables, readChain, trustedChain } from './modelBinaryChains';

export { type DerivedTables, derivedBuffers, derivedTables } from './modelBinaryChains';

import { assembleModel, chainPaths, checkParts, formatError, type ModelError } from './modelFile';
import { optionsSchema, provenanceSchema, styleSchema, weightsSchema } from './modelSchema';
import type { MuseModel } from './museModel';

/*
 * A model in binary form: what the page keeps (IndexedDB), ships (the built-in models in their
 * corpus chunks) and gets from its training worker. The JSON file (modelFile.ts) holds each
 * chain's top-order counts, from which reading rebuilds every table; this form holds the finished
 * tables — each chain's trie and count tables, each guard's index arrays — so that reading is
 * typed-array views over the bytes, a checksum and one pass of structural checks over each array
 * (ids in range, offsets monotone, rows sorted, totals adding up): a damaged or hand-made file is
 * refused, never read out of bounds. The same model as its JSON file: same tables, same provenance
 * (content hash and pieces), so JSON → model → binary → model → JSON gives the file back.
 *
 * Layout, little-endian, every part at a multiple of 8 bytes:
 *   0   "MUSEMODL"                      8 bytes
 *   8   checksum                        2 × u32, wordsHash64 of the words from byte 16 to the end
 *   16  version                         u32
 *   20  header length H                 u32
 *   24  header                          H bytes of UTF-8 JSON (Header below), padded to 8
 *   …   arrays                          as the header lists them, each padded to 8
 */

const MAGIC = 'MUSEMODL';
const HEAD = 24;
/** The version of the binary form this code reads and writes. */
export const MODEL_BINARY_VERSION = 1;

type ArrayKind = 'i32' | 'f64';
const GUARDS = ['melody', 'chords', 'transposed'] as const;
type GuardName = (typeof GUARDS)[number];

const stringList = z.array(z.string().max(400)).max(1_000_000);
const chainSchema = z.strictObject({
  order: z.number().int().min(0),
  nodes: z.number().int().min(1),
  symbols: stringList,
  vocabulary: z.array(z.number().int().min(0)).max(1_000_000),
});
const guardSchema = z.strictObject({
  maxRun: z.number().int().min(0).max(1000),
  ids: z.array(z.string().max(200)).max(1_000_000),
  tokens: stringList,
});
const headerSchema = z.strictObject({
  options: optionsSchema,
  provenance: provenanceSchema,
  style: styleSchema.optional(),
  pitch: z.strictObject({ order: z.number().int(), weights: weightsSchema }),
  chains: z.record(z.string(), chainSchema),
  guards: z.strictObject({ melody: guardSchema, chords: guardSchema, transposed: guardSchema.optional() }),
  arrays: z.array(
    z.tuple([
      z.enum(['i32', 'f64']),
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31),
    ]),
  ),
});
type Header = z.infer<typeof headerSchema>;

/** Whether `bytes` begin as a model's binary form does (to tell it from a JSON model file). */
export function isModelBinary(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const pad8 = (n: number) => (n + 7) & ~7;

/** The model in binary form (see the layout above). */
export function encodeModel(model: MuseModel): Uint8Array {
  if (!littleEndian) throw new Error('the binary model form needs a little-endian machine');
  const arrays: (Int32Array | Float64Array)[] = [];
  const table = (t: { start: Int32Array; token: Int32Array; count: Float64Array }) =>
    arrays.push(t.start, t.token, wholeCounts(t.count));
  const chains: Header['chains'] = {};
  for (const [path] of chainPaths(model.options.order)) {
    const chain = chainAt(model, path);
    const { trie } = chain;
    chains[path] = {
      order: chain.order,
      nodes: trie.nodes,
      symbols: [...chain.symbols],
      vocabulary: [...chain.vocabulary],
    };
    arrays.push(trie.childStart, trie.symbol);
    table(trie.raw);
    table(trie.continuation);
  }
  const guard = (index: CorpusIndex) => {
    const { tokens, sequence, starts } = index.grams.arrays();
    arrays.push(sequence, starts);
    return { maxRun: index.maxRun, ids: index.pieces.map((p) => p.id), tokens: [...tokens] };
  };
  const { transposed } = model.guards;
  const header: Header = {
    options: { ...model.options },
    provenance: model.provenance as Header['provenance'],
    ...(model.style ? { style: model.style as Header['style'] } : {}),
    pitch: { order: model.pitch.order, weights: { ...model.pitch.weights } },
    chains,
    guards: {
      melody: guard(model.guards.melody),
      chords: guard(model.guards.chords),
      ...(transposed ? { transposed: guard(transposed) } : {}),
    },
    arrays: [],
  };
  header.arrays = arrays.map((a) => [a instanceof Int32Array ? 'i32' : 'f64', a.length]);
  const text = new TextEncoder().encode(JSON.stringify(header));
  let size = HEAD + pad8(text.length);
  for (const a of arrays) size += pad8(a.byteLength);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, MODEL_BINARY_VERSION, true);
  view.setUint32(20, text.length, true);
  bytes.set(text, HEAD);
  let at = HEAD + pad8(text.length);
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad8(a.byteLength);
  }
  const [a, b] = wordsHash64(new Uint32Array(bytes.buffer, 16));
  view.setUint32(8, a, true);
  view.setUint32(12, b, true);
  return bytes;
}

/** Counts as 32-bit integers (what training counts always are). */
function wholeCounts(count: Float64Array): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count.length; i++)
    if (out[i] !== count[i]) throw new RangeError(`a count of ${count[i]} is not a 32-bit whole number`);
  return out;
}

/** Options of {@link decodeModel}. */
export interface DecodeOptions {
  /**
   * The tables as the writer derived them (the page's own training worker): taken as they are,
   * without the checksum and the checks of each table.
   */
  derived?: DerivedTables;
}

/**
 * Reads a model's binary form: refuses other data, a newer version, damage (the checksum) and
 * tables that do not fit together, with a message naming the part at fault; never throws. The
 * model's arrays are views of `bytes` (copied once if they do not start at a multiple of 8).
 */
export function decodeModel(
  input: Uint8Array | ArrayBuffer,
  options: DecodeOptions = {},
): Result<MuseModel, ModelError> {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (!isModelBinary(bytes)) return formatError('(root)', 'is not a markov-muse model (binary form)');
  if (bytes.length < HEAD || bytes.length % 8 !== 0)
    return formatError('(root)', `is damaged: ${bytes.length} bytes cannot be a whole model`);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const version = view.getUint32(16, true);
  if (version !== MODEL_BINARY_VERSION)
    return err({
      code: 'model-version',
      path: 'version',
      message:
        version > MODEL_BINARY_VERSION
          ? `model version ${version} is newer than this markov-muse reads (${MODEL_BINARY_VERSION}): update markov-muse, or train the model again with this one`
          : `model version ${version} is not supported: this markov-muse reads version ${MODEL_BINARY_VERSION} (train the model again with this markov-muse)`,
    });
  if (!littleEndian) return formatError('(root)', 'cannot be read on a big-endian machine');
  const [a, b] = options.derived
    ? [view.getUint32(8, true), view.getUint32(12, true)]
    : wordsHash64(new Uint32Array(bytes.buffer, bytes.byteOffset + 16, (bytes.length - 16) / 4));
  if (a !== view.getUint32(8, true) || b !== view.getUint32(12, true))
    return formatError(
      'checksum',
      'does not match: the model is damaged (changed after it was written); train it again',
    );
  const length = view.getUint32(20, true);
  if (HEAD + pad8(length) > bytes.length) return formatError('header', 'is longer than the model');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEAD, HEAD + length));
  } catch {
    return formatError('header', 'is not UTF-8 text');
  }
  const json = parseUntrustedJson(text);
  if (!json.ok) return formatError('header', json.error.message);
  const shape = inspectJson(json.value);
  if (shape) return formatError(`header.${shape.path}`, 'is not what a model holds');
  const parsed = headerSchema.safeParse(json.value);
  if (!parsed.success) {
    const { field, reason } = describeIssue(headerSchema, parsed.error.issues[0], json.value);
    return formatError(field, reason);
  }
  const header = parsed.data;
  const arrays = readArrays(bytes, HEAD + pad8(length), header.arrays);
  if (typeof arrays === 'string') return formatError('arrays', arrays);
  return readModel(header, arrays, options.derived);
}

/** Views of the listed arrays, one after the other from `at`; a sentence when they overrun the bytes. */
function readArrays(
  bytes: Uint8Array,
  from: number,
  listed: readonly [ArrayKind, number][],
): (Int32Array | Float64Array)[] | string {
  const out: (Int32Array | Float64Array)[] = [];
  let at = from;
  for (const [kind, length] of listed) {
    const size = length * (kind === 'i32' ? 4 : 8);
    if (at + size > bytes.length) return `array ${out.length} runs past the end of the model`;
    const offset = bytes.byteOffset + at;
    out.push(
      kind === 'i32' ? new Int32Array(bytes.buffer, offset, length) : new Float64Array(bytes.buffer, offset, length),
    );
    at += pad8(size);
  }
  if (at !== bytes.length) return `${bytes.length - at} bytes follow the last array`;
  return out;
}

/** The model of a checked header and its arrays, each table checked as it is taken. */
function readModel(
  header: Header,
  arrays: (Int32Array | Float64Array)[],
  derived?: DerivedTables,
): Result<MuseModel, ModelError> {
  const { options } = header;
  let next = 0;
  const take = <T extends Int32Array | Float64Array>(kind: new (n: number) => T): T | undefined => {
    const a = arrays[next++];
    return a instanceof kind ? (a as T) : undefined;
  };
  if (header.pitch.order !== options.order)
    return formatError('pitch.order', `is ${header.pitch.order}, but options.order is ${options.order}`);
  const chains: Record<string, VariableChain> = {};
  const expected = chainPaths(options.order);
  const extra = Object.keys(header.chains).find((k) => !expected.some(([path]) => path === k));
  if (extra !== undefined) return formatError(`chains.${extra}`, 'is not a chain of a model');
  for (const [path, order] of expected) {
    const part = header.chains[path];
    if (!part) return formatError(`chains.${path}`, 'is missing');
    if (part.order !== order)
      return formatError(`${path}.order`, `is ${part.order}; a model of order ${options.order} needs ${order}`);
    const [childStart, symbol] = [take(Int32Array), take(Int32Array)];
    const rows = (): CountRows | undefined => {
      const [start, token, count] = [take(Int32Array), take(Int32Array), take(Int32Array)];
      return start && token && count ? { start, token, count } : undefined;
    };
    const raw = rows();
    const continuation = rows();
    if (!childStart || !symbol || !raw || !continuation)
      return formatError(`${path}`, 'has arrays of the wrong kind or too few arrays');
    const symbols = part.symbols;
    const ids = new Map<string, number>();
    symbols.forEach((s, i) => {
      ids.set(s, i);
    });
    if (ids.size !== symbols.length) return formatError(`${path}.symbols`, 'a symbol appears twice');
    const vocabIndex = new Int32Array(symbols.length).fill(-1);
    for (let i = 0; i < part.vocabulary.length; i++) {
      const id = part.vocabulary[i];
      if (id >= symbols.length || (i > 0 && id <= part.vocabulary[i - 1]))
        return formatError(`${path}.vocabulary`, 'is not ascending symbol ids');
      vocabIndex[id] = i;
    }
    const rowsOf = { order, nodes: part.nodes, childStart, symbol, raw, continuation };
    const given = derived?.chains[path];
    const chain = given ? trustedChain(rowsOf, given) : readChain(rowsOf, symbols.length, vocabIndex);
    if (typeof chain === 'string') return formatError(path, chain);
    chains[path] = { order, symbols, ids, vocabulary: part.vocabulary, vocabIndex, ...chain };
  }
  const guards: Partial<Record<GuardName, CorpusIndex>> = {};
  for (const name of GUARDS) {
    const part = header.guards[name];
    if (!part) continue;
    const sequence = take(Int32Array);
    const starts = take(Int32Array);
    if (!sequence || !starts) return formatError(`guards.${name}`, 'has arrays of the wrong kind or too few arrays');
    const fault = checkGuard(part, sequence, starts);
    if (fault) return formatError(`guards.${name}`, fault);
    const grams = new GramIndex({ tokens: part.tokens, sequence, starts });
    guards[name] = corpusIndexOf(grams, part.ids, part.maxRun);
  }
  if (next !== arrays.length) return formatError('arrays', `${arrays.length - next} arrays more than the model has`);
  const fault = checkParts(options, chains, {
    melody: header.guards.melody.maxRun,
    chords: header.guards.chords.maxRun,
    transposed: header.guards.transposed?.maxRun,
  });
  if (fault) return fault;
  const { melody, chords, transposed } = guards as Record<GuardName, CorpusIndex>;
  return ok(assembleModel(header, chains, { melody, chords, ...(transposed ? { transposed } : {}) }));
}

/** Why a guard's arrays do not fit its header (undefined when they do). */
function checkGuard(part: Header['guards']['melody'], sequence: Int32Array, starts: Int32Array): string | undefined {
  if (new Set(part.tokens).size !== part.tokens.length) return 'a token appears twice';
  if (starts.length !== part.ids.length + 1)
    return `has ${starts.length - 1} pieces' starts for ${part.ids.length} pieces`;
  if (starts[0] !== 0 || starts[starts.length - 1] !== sequence.length) return 'its pieces do not cover its tokens';
  for (let p = 1; p < starts.length; p++) if (starts[p] < starts[p - 1]) return 'its pieces overlap';
  const n = part.tokens.length;
  for (let i = 0; i < sequence.length; i++)
    if (sequence[i] < 0 || sequence[i] >= n) return `token id ${sequence[i]} is not a token`;
  return undefined;
}
