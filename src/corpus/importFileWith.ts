import { PPQ, parseUntrustedJson, type Result } from '../core';
import { labelChords } from './chords';
import type { CorpusFormatError } from './format';
import { importJsb, isJsbFile } from './jsb';
import { estimateKey, importMidi, MAX_FILE_BYTES, secondsAt } from './midi';
import { romanOf } from './theory';
import type { Corpus, CorpusPiece } from './types';

/*
 * The importer without the corpus JSON format's schema: the reader of corpus files (format.ts's
 * parseCorpus, and zod behind it) is a parameter, so that `muse train` on MIDI files never loads
 * it (0.1 s and some 13 MiB a thread, issue 17); importFile.ts binds it for everyone else.
 */

export { MAX_FILE_BYTES };

/** Reads a corpus JSON file's value: format.ts's parseCorpus. */
export type CorpusReader = (json: unknown) => Result<Corpus, CorpusFormatError>;

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

/** What a file the importer could not use gives: its error line and no pieces. */
export const failed = (file: string, error: FileError): ImportedFile => ({
  lines: [{ file, ok: false, error }],
  pieces: [],
});

/** Options of {@link importFileWith}. */
export interface FileImportOptions {
  /** Make a line per piece (default true); false gives lines only for refusals (training needs only the pieces). */
  lines: boolean;
}

/** What a file is taken for, by its length and first bytes only. */
type FileKind = 'empty' | 'too-large' | 'midi' | 'json' | 'unknown';

function kindOf(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length > MAX_FILE_BYTES) return 'too-large';
  if (startsWith(bytes, 'MThd') || startsWith(bytes, 'RIFF')) return 'midi';
  const first = bytes.find(
    (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf,
  );
  return first === 0x7b || first === 0x5b ? 'json' : 'unknown';
}

/**
 * Whether importing `bytes` may need the corpus reader: they begin as JSON does (a corpus file or
 * a JSB file; which one is known only once parsed).
 */
export const needsCorpusReader = (bytes: Uint8Array): boolean => kindOf(bytes) === 'json';

/**
 * Imports one file of any supported kind — a Standard MIDI file, a corpus JSON file (read by
 * `readCorpus`), a JSB step-sequence JSON file — by its content (the extension only breaks ties).
 * Never throws: every failure is an error line naming the file. `readCorpus` may be left out for
 * bytes that {@link needsCorpusReader} says need none.
 */
export function importFileWith(
  readCorpus: CorpusReader | undefined,
  file: string,
  bytes: Uint8Array,
  options: Partial<FileImportOptions> = {},
): ImportedFile {
  const lines = options.lines ?? true;
  try {
    const kind = kindOf(bytes);
    if (kind === 'empty') return failed(file, { code: 'empty', message: `${file}: the file is empty` });
    if (kind === 'too-large')
      return failed(file, {
        code: 'too-large',
        message: `${file}: ${bytes.length} bytes is over the limit of ${MAX_FILE_BYTES}`,
      });
    if (kind === 'midi') {
      const r = importMidi(bytes, file);
      if (!r.ok) return failed(file, { code: r.error.code, message: r.error.message });
      const piece = withChords(r.value);
      return { lines: lines ? [lineOf(file, piece, secondsAt(piece.tempoMap))] : [], pieces: [piece] };
    }
    const json = kind === 'json' ? parseUntrustedJson(new TextDecoder().decode(bytes)) : undefined;
    if (json?.ok) return importJson(readCorpus, file, json.value, lines);
    if (json?.error.kind === 'too-deep')
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

function importJson(readCorpus: CorpusReader | undefined, file: string, json: unknown, lines: boolean): ImportedFile {
  if (isJsbFile(json)) {
    // The format does not say how long a step is: the shared files say it in their names.
    const r = importJsb(json, file, /16th|sixteenth/i.test(file) ? '16th' : 'quarter');
    if (!r.ok) return failed(file, r.error);
    const pieces = r.value.map(keyedChorale);
    return { lines: lines ? pieces.map((p) => lineOf(`${file}#${p.id}`, p)) : [], pieces };
  }
  if (!readCorpus) throw new Error('no corpus reader was given for a JSON file');
  const r = readCorpus(json);
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
