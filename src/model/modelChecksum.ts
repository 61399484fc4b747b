import { Fnv1a64 } from './hash';

/**
 * The checksum a model file carries over everything else in it, so that a file edited after
 * `muse train` wrote it — a changed `provenance.contentHash` (exports would carry a false hash), a
 * count, a licence — is refused instead of trusted. FNV-1a 64 over a canonical text: JSON with
 * object keys sorted, so neither the writer's key order nor a reformatted (pretty-printed) file
 * matters. Not a signature: it catches edits and damage, not a forger who recomputes it.
 */
export function modelChecksum(file: object): string {
  const hash = new Fnv1a64();
  for (const chunk of chunked(canonicalPieces(file, 'checksum'))) hash.update(chunk);
  return `fnv1a64:${hash.digest()}`;
}

/**
 * A list whose JSON text is made piece by piece when it is written — a model's counts, millions of
 * numbers, never held as a list of numbers nor as one text. Each piece is the JSON text of some
 * consecutive elements, without brackets (`1,2,3`); empty pieces are skipped.
 */
export class ListText {
  constructor(readonly pieces: () => Iterable<string>) {}
}

/**
 * The model file's text in chunks of about `chunkChars` characters: the canonical text of `file`
 * (which holds no `checksum`; {@link ListText}s written out) with its checksum added as the last
 * key — so the file is exactly the text its checksum is taken over, then the checksum. Neither the
 * file nor its canonical text is ever whole in memory: each chunk is hashed and handed on.
 */
export function* textWithChecksum(file: object, chunkChars = 1 << 16): Generator<string> {
  const hash = new Fnv1a64();
  let held = '';
  let length = 0;
  for (const chunk of chunked(canonicalPieces(file, 'checksum'), chunkChars)) {
    // The last chunk (it ends with the object's "}") is held back: the checksum goes before its end.
    if (held) yield held;
    hash.update(chunk);
    length += chunk.length;
    held = chunk;
  }
  const checksum = `${JSON.stringify('checksum')}:${JSON.stringify(`fnv1a64:${hash.digest()}`)}}`;
  yield `${held.slice(0, -1)}${length === 2 ? '' : ','}${checksum}`;
}

/** `pieces` joined into chunks of at least `size` characters (the last one may be shorter). */
function* chunked(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The canonical text of `value` in pieces — JSON with object keys sorted (`skip` left out at the top
 * level), each list of numbers and strings in one native call, a {@link ListText} piece by piece.
 */
function* canonicalPieces(value: unknown, skip?: string): Generator<string> {
  if (value instanceof ListText) {
    yield '[';
    let first = true;
    for (const piece of value.pieces()) {
      if (!piece) continue;
      if (!first) yield ',';
      yield piece;
      first = false;
    }
    yield ']';
    return;
  }
  if (Array.isArray(value)) {
    if (isFlat(value)) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* canonicalPieces(value[i]);
    }
    yield ']';
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => k !== skip && record[k] !== undefined)
    .sort();
  yield '{';
  for (const [i, k] of keys.entries()) {
    yield `${i > 0 ? ',' : ''}${JSON.stringify(k)}:`;
    yield* canonicalPieces(record[k]);
  }
  yield '}';
}

/** Whether a list holds no object or list (a plain loop: model files hold lists of millions). */
function isFlat(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}
