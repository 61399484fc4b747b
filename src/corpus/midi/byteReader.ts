import { MAX_VLQ_BYTES } from './limits';

/** A read position in a byte array; readers advance `pos` and never read at or past their `end`. */
export interface Cursor {
  pos: number;
}

/** {@link readVlq} result: the number ran past the end of its chunk. */
export const VLQ_TRUNCATED = -1;
/** {@link readVlq} result: the number is longer than {@link MAX_VLQ_BYTES} bytes. */
export const VLQ_TOO_LONG = -2;

/**
 * Reads a variable-length quantity (7 bits a byte, high bit = more follows) of at most
 * {@link MAX_VLQ_BYTES} bytes, so the value is at most 0x0FFFFFFF.
 *
 * @returns the value (≥ 0), or {@link VLQ_TRUNCATED} / {@link VLQ_TOO_LONG}; `cursor` is then left
 * where the number started.
 */
export function readVlq(bytes: Uint8Array, cursor: Cursor, end: number): number {
  let value = 0;
  let pos = cursor.pos;
  for (let i = 0; i < MAX_VLQ_BYTES; i++) {
    if (pos >= end) return VLQ_TRUNCATED;
    const b = bytes[pos++];
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      cursor.pos = pos;
      return value;
    }
  }
  return VLQ_TOO_LONG;
}

/** The big-endian unsigned 32-bit number at `pos` (the caller checks that 4 bytes remain). */
export function readUint32(bytes: Uint8Array, pos: number): number {
  return bytes[pos] * 0x1000000 + ((bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]);
}

/** The big-endian unsigned 16-bit number at `pos` (the caller checks that 2 bytes remain). */
export function readUint16(bytes: Uint8Array, pos: number): number {
  return (bytes[pos] << 8) | bytes[pos + 1];
}

/** The 4 bytes at `pos` as a string, e.g. "MTrk" (the caller checks that 4 bytes remain). */
export function readChunkId(bytes: Uint8Array, pos: number): string {
  return String.fromCharCode(bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]);
}

/** Whether a chunk id is four printable ASCII characters, as every real chunk id is. */
export function isChunkId(id: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(id);
}
