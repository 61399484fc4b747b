import { err, ok, type Result } from '../../core';
import { isChunkId, readChunkId, readUint16, readUint32 } from './byteReader';
import { type ImportError, importError, quoteStart } from './errors';
import { formatCount, MAX_FILE_BYTES } from './limits';
import { readTrack } from './readTrack';
import type { Division, SmfFile, SmfTrack } from './smf';
import type { Warnings } from './warnings';

/** Most track chunks read: the header's 16-bit track count cannot name more. */
const MAX_TRACK_CHUNKS = 0xffff;
/** SMPTE frame rates a file may state (29 stands for 29.97 drop-frame). */
const SMPTE_RATES = [24, 25, 29, 30];

/**
 * Reads a Standard MIDI File with bounded work: the header is validated, every chunk length is
 * checked against the bytes that remain, and unknown chunks are skipped. A RIFF "RMID" wrapper is
 * unwrapped. The header's track count is a hint: every track chunk present is read, with a warning
 * when the count differs.
 */
export function readSmf(input: Uint8Array, file: string, warnings: Warnings): Result<SmfFile, ImportError> {
  if (input.length === 0) return err(importError('empty', file, 'the file is empty'));
  if (input.length > MAX_FILE_BYTES) {
    return err(
      importError('too-large', file, `${formatCount(input.length)} bytes; the limit is ${formatCount(MAX_FILE_BYTES)}`),
    );
  }
  const bytes = unwrapRiff(input);
  if (bytes.length < 4 || readChunkId(bytes, 0) !== 'MThd') {
    return err(importError('not-midi', file, `not a MIDI file (starts with ${quoteStart(bytes)})`));
  }
  const header = readHeader(bytes, file);
  if (!header.ok) return header;
  const { format, division, declaredTracks, next } = header.value;
  const tracks: SmfTrack[] = [];
  const events = { count: 0 };
  let pos = next;
  while (pos < bytes.length) {
    if (bytes.length - pos < 8) {
      warnings.add(`${bytes.length - pos} stray bytes at the end of the file ignored`);
      break;
    }
    const id = readChunkId(bytes, pos);
    const length = readUint32(bytes, pos + 4);
    const start = pos + 8;
    if (id === 'MTrk') {
      if (tracks.length === MAX_TRACK_CHUNKS) {
        warnings.add(`track chunks after the ${formatCount(MAX_TRACK_CHUNKS)}th ignored`);
        break;
      }
      const end = Math.min(start + length, bytes.length);
      if (start + length > bytes.length) {
        warnings.add(`track ${tracks.length + 1} says ${formatCount(length)} bytes but the file ends first`);
      }
      const track = readTrack(bytes, start, end, { file, number: tracks.length + 1, warnings, events });
      if (!track.ok) return track;
      tracks.push(track.value);
    } else if (!isChunkId(id)) {
      warnings.add(`unreadable bytes from byte ${pos} to the end ignored`);
      break;
    } else if (start + length > bytes.length) {
      warnings.add(`chunk "${id}" at byte ${pos} runs past the end of the file; ignored`);
    }
    pos = start + length;
  }
  if (tracks.length === 0) return err(importError('no-tracks', file, 'the MIDI header is not followed by any track'));
  if (tracks.length !== declaredTracks) {
    warnings.add(`the header announces ${declaredTracks} tracks; the file holds ${tracks.length}`);
  }
  if (format === 0 && tracks.length > 1) warnings.add('a format 0 file with several tracks; read like format 1');
  return ok({ format: format === 0 && tracks.length > 1 ? 1 : format, division, tracks });
}

interface Header {
  format: 0 | 1 | 2;
  division: Division;
  declaredTracks: number;
  /** Position of the first chunk after the header. */
  next: number;
}

/** Validates the MThd chunk: length ≥ 6 and within the file, format 0–2, a usable time division. */
function readHeader(bytes: Uint8Array, file: string): Result<Header, ImportError> {
  const bad = (reason: string) => err(importError('bad-header', file, `bad MIDI header: ${reason}`));
  if (bytes.length < 14) return bad(`the file ends after ${bytes.length} bytes`);
  const length = readUint32(bytes, 4);
  if (length < 6) return bad(`header length ${length}, at least 6 expected`);
  if (8 + length > bytes.length) return bad(`header length ${formatCount(length)} runs past the end of the file`);
  const format = readUint16(bytes, 8);
  if (format !== 0 && format !== 1 && format !== 2) return bad(`format ${format}; only 0, 1 and 2 exist`);
  const division = readDivision(readUint16(bytes, 12));
  if (typeof division === 'string') return bad(division);
  return ok({ format, division, declaredTracks: readUint16(bytes, 10), next: 8 + length });
}

/** The time division word: ticks per quarter, or (high bit set) −frames per second and ticks per frame. */
function readDivision(word: number): Division | string {
  if ((word & 0x8000) === 0) {
    return word === 0 ? 'time division of 0 ticks per quarter note' : { kind: 'ppq', ticksPerQuarter: word };
  }
  const framesPerSecond = 256 - (word >> 8);
  const ticksPerFrame = word & 0xff;
  if (!SMPTE_RATES.includes(framesPerSecond)) return `SMPTE time division with ${framesPerSecond} frames per second`;
  if (ticksPerFrame === 0) return 'SMPTE time division with 0 ticks per frame';
  return { kind: 'smpte', framesPerSecond, ticksPerFrame };
}

/** The SMF inside a RIFF "RMID" file (its "data" chunk), or the bytes unchanged. */
function unwrapRiff(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 20 || readChunkId(bytes, 0) !== 'RIFF' || readChunkId(bytes, 8) !== 'RMID') return bytes;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const length = (bytes[pos + 4] | (bytes[pos + 5] << 8) | (bytes[pos + 6] << 16)) + bytes[pos + 7] * 0x1000000;
    if (readChunkId(bytes, pos) === 'data') return bytes.subarray(pos + 8, Math.min(pos + 8 + length, bytes.length));
    pos += 8 + length + (length & 1);
  }
  return bytes;
}
