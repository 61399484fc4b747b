/**
 * Why a MIDI file could not be imported, as a code a program can test:
 * - `empty`: the file has no bytes; `too-large`: more than MAX_FILE_BYTES;
 * - `not-midi`: it does not start with "MThd" (nor is it a RIFF RMID file holding one);
 * - `bad-header`: the header chunk is short, or states a format, or time division that cannot be read;
 * - `no-tracks`: no track chunk follows the header; `no-notes`: the tracks hold no note;
 * - `bad-length`: a variable-length number longer than the 4 bytes the standard allows;
 * - `running-status`: a data byte where a status byte was expected, with no running status;
 * - `bad-event`: a status byte with no meaning in a file (0xF1–0xF6, 0xF8–0xFE) or a data byte ≥ 0x80;
 * - `too-many-events`, `too-many-notes`: beyond MAX_EVENTS or MAX_NOTES;
 * - `too-long`: longer than MAX_SECONDS at the file's tempo, or beyond MAX_TICKS.
 */
export const IMPORT_ERROR_CODES = [
  'empty',
  'too-large',
  'not-midi',
  'bad-header',
  'no-tracks',
  'no-notes',
  'bad-length',
  'running-status',
  'bad-event',
  'too-many-events',
  'too-many-notes',
  'too-long',
] as const;

/** One of {@link IMPORT_ERROR_CODES}. */
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A MIDI file refused: the file as the caller named it, a code, and a message that names the file. */
export interface ImportError {
  code: ImportErrorCode;
  file: string;
  /** E.g. `song.mid: not a MIDI file (starts with "<!DO")`. */
  message: string;
}

/** An error whose message is `file: reason`. */
export function importError(code: ImportErrorCode, file: string, reason: string): ImportError {
  return { code, file, message: `${file}: ${reason}` };
}

/** The first bytes of a file, quoted for a message: printable ASCII as is, the rest as \xNN. */
export function quoteStart(bytes: Uint8Array, count = 4): string {
  let text = '';
  for (const b of bytes.subarray(0, count)) {
    text +=
      b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `"${text}"`;
}
