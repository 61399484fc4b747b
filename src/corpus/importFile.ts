import { err, type JsonTextError, PPQ, parseUntrustedJson, type Result } from '../core';
import { labelChords } from './chords';
import { parseCorpus } from './format';
import { importJsb, isJsbFile } from './jsb';
import { estimateKey, importMidi, MAX_FILE_BYTES, secondsAt } from './midi';
import { romanOf } from './theory';
import type { CorpusPiece } from './types';

export { MAX_FILE_BYTES };

/** A file the importer could not use, with the reason a user understands. */
export interface FileError {
  code: string;
  message: string;
}

/** One imported piece as the CLI prints it (`muse import --json`) and the app lists it. */
export interface ImportLine {
  file: string;
  ok: boolean;
  error?: FileError;
  key?: string;
  meter?: string;
  tempo?: number;
  tracks?: { name: string; role: string; notes: number }[];
  /** Chords with start and end in seconds and the start in quarter-note beats from the start. */
  chords?: { start: number; end: number; startBeat: number; symbol: string; roman: string }[];
}

/** What one file gave: a line per piece (or one error line) and the pieces themselves. */
export interface ImportedFile {
  lines: ImportLine[];
  pieces: CorpusPiece[];
}

const failed = (file: string, error: FileError): ImportedFile => ({ lines: [{ file, ok: false, error }], pieces: [] });

/** Options of {@link importFile}. */
export interface FileImportOptions {
  /** Make a line per piece (default true); false gives lines only for refusals (training needs only the pieces). */
  lines: boolean;
}

/**
 * Imports one file of any supported kind — a Standard MIDI file, a corpus JSON file, a JSB step-
 * sequence JSON file — by its content (the extension only breaks ties). Never throws: every
 * failure is an error line naming the file.
 */
export function importFile(file: string, bytes: Uint8Array, options: Partial<FileImportOptions> = {}): ImportedFile {
  const lines = options.lines ?? true;
  try {
    if (bytes.length === 0) return failed(file, { code: 'empty', message: `${file}: the file is empty` });
    if (bytes.length > MAX_FILE_BYTES)
      return failed(file, {
        code: 'too-large',
        message: `${file}: ${bytes.length} bytes is over the limit of ${MAX_FILE_BYTES}`,
      });
    if (startsWith(bytes, 'MThd') || startsWith(bytes, 'RIFF')) {
      const r = importMidi(bytes, file);
      if (!r.ok) return failed(file, { code: r.error.code, message: r.error.message });
      const piece = withChords(r.value);
      return { lines: lines ? [lineOf(file, piece, secondsAt(piece.tempoMap))] : [], pieces: [piece] };
    }
    const json = readJson(bytes);
    if (json.ok) return importJson(file, json.value, lines);
    if (json.error.kind === 'too-deep')
      return failed(file, { code: 'too-deep', message: `${file} ${json.error.message}` });
    return failed(file, {
      code: 'unknown-format',
      message: `${file}: neither a MIDI file nor a corpus or JSB JSON file`,
    });
  } catch (e) {
    return failed(file, {
      code: 'internal',
      message: `${file}: could not be imported (${e instanceof Error ? e.message : String(e)})`,
    });
  }
}

const startsWith = (bytes: Uint8Array, magic: string): boolean =>
  bytes.length >= magic.length && [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));

/**
 * The piece with chord labels when it has none: labelled from its chords tracks, else from every
 * track but melody and drums (bass and other parts still outline the harmony), else left without.
 */
export function withChords<P extends CorpusPiece>(piece: P): P {
  if (piece.chords?.length) return piece;
  const tracks = piece.tracks.filter((t) => t.role === 'chords');
  const source = tracks.length ? tracks : piece.tracks.filter((t) => t.role !== 'melody' && t.role !== 'drums');
  const notes = source.flatMap((t) => t.notes);
  if (notes.length === 0) return piece;
  const labels = labelChords(notes, { meter: piece.meter, key: piece.key, mode: piece.mode });
  return { ...piece, chords: labels.map((l) => ({ tick: l.tick, duration: l.duration, symbol: l.symbol })) };
}

/** A JSB chorale with the key estimated from all its voices, then its chords labelled from them. */
function keyedChorale(piece: CorpusPiece): CorpusPiece {
  const notes = piece.tracks.flatMap((t) => t.notes);
  const { key, mode } = estimateKey(notes);
  const keyed = { ...piece, key, mode };
  const labels = labelChords(notes, { meter: keyed.meter, key, mode });
  return { ...keyed, chords: labels.map((l) => ({ tick: l.tick, duration: l.duration, symbol: l.symbol })) };
}

function readJson(bytes: Uint8Array): Result<unknown, JsonTextError | { kind: 'not-json' }> {
  const first = bytes.find(
    (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf,
  );
  if (first !== 0x7b && first !== 0x5b) return err({ kind: 'not-json' });
  return parseUntrustedJson(new TextDecoder().decode(bytes));
}

function importJson(file: string, json: unknown, lines: boolean): ImportedFile {
  if (isJsbFile(json)) {
    // The format does not say how long a step is: the shared files say it in their names.
    const r = importJsb(json, file, /16th|sixteenth/i.test(file) ? '16th' : 'quarter');
    if (!r.ok) return failed(file, r.error);
    const pieces = r.value.map(keyedChorale);
    return { lines: lines ? pieces.map((p) => lineOf(`${file}#${p.id}`, p)) : [], pieces };
  }
  const r = parseCorpus(json);
  if (!r.ok) return failed(file, { code: r.error.code, message: `${file}: ${r.error.message}` });
  const pieces = r.value.pieces.map(withChords);
  return { lines: lines ? pieces.map((p) => lineOf(`${file}#${p.id}`, p)) : [], pieces };
}

/** The line of a piece at a single tempo (MIDI files pass their tempo map through `secondsAt`). */
export function lineOf(
  file: string,
  p: CorpusPiece,
  secondsAt = (tick: number) => (tick / PPQ) * (60 / p.tempo),
): ImportLine {
  return {
    file,
    ok: true,
    key: `${p.key} ${p.mode}`,
    meter: `${p.meter[0]}/${p.meter[1]}`,
    tempo: Math.round(p.tempo * 1000) / 1000,
    tracks: p.tracks.map((t) => ({ name: t.name, role: t.role, notes: t.notes.length })),
    chords: (p.chords ?? []).map((c) => ({
      start: round(secondsAt(c.tick)),
      end: round(secondsAt(c.tick + c.duration)),
      startBeat: round(c.tick / PPQ),
      symbol: c.symbol,
      roman: romanOf(c.symbol, p.key),
    })),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
