import { counted, pushAll } from '../core';
import {
  type FileImportOptions,
  failed,
  type ImportedFile,
  type ImportLine,
  importFile,
  MAX_FILE_BYTES,
} from '../corpus/importFile';
import { reportCorpus } from '../corpus/report';
import type { CorpusPiece } from '../corpus/types';
import { parseOptions, UsageError } from './args';
import { type Collected, collectEntries, readEntry } from './files';
import type { Io } from './io';

export { collectFiles } from './files';

/**
 * A file of the walk imported, or its refusal as an error line (never thrown: the other files go
 * on). `lines: false` makes lines for refusals only.
 */
export function importEntry(entry: Collected, options: Partial<FileImportOptions> = {}): ImportedFile {
  const read = readEntry(entry, MAX_FILE_BYTES);
  if (!read.ok) return failed(entry.path, read.error);
  return importFile(entry.path, read.value, options);
}

/** Imports the pieces of files, telling the user about the ones refused. */
export function piecesOf(files: readonly string[], io: Io): CorpusPiece[] {
  const pieces: CorpusPiece[] = [];
  for (const file of files) {
    const result = importEntry({ path: file });
    for (const line of result.lines) if (!line.ok) io.err(`muse: skipped ${line.error?.message}\n`);
    pushAll(pieces, result.pieces);
  }
  return pieces;
}

/**
 * `muse import PATH... [--json]`: imports MIDI, corpus and JSB files, prints a line per piece (JSON
 * objects with --json) and then the corpus report. Exit status 1 when any file was refused.
 */
export function importCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  const entries = collectEntries(positionals);
  const pieces: CorpusPiece[] = [];
  let refused = 0;
  for (const entry of entries) {
    const result = importEntry(entry);
    pushAll(pieces, result.pieces);
    for (const line of result.lines) {
      if (!line.ok) refused++;
      io.out(values.json ? `${JSON.stringify(line)}\n` : `${textOf(line)}\n`);
    }
  }
  const report = reportCorpus(pieces);
  if (values.json) io.out(`${JSON.stringify({ report })}\n`);
  else {
    const top = (t: { value: string; count: number }[], n = 8) =>
      t
        .slice(0, n)
        .map((x) => `${x.value} ${x.count}`)
        .join(', ');
    io.out(
      [
        '',
        `${counted(report.pieces, 'piece')}, ${counted(report.notes, 'note')}, ${(report.seconds / 60).toFixed(1)} minutes; ${refused} refused`,
        `keys:     ${top(report.keys)}`,
        `meters:   ${top(report.meters)}`,
        `tempos:   ${report.tempos.min}–${report.tempos.max} bpm, median ${report.tempos.median}`,
        `chords:   ${top(report.chords.romans, 12)}`,
        `licences: ${top(report.licences)}`,
        ...report.warnings.map((w) => `warning:  ${w}`),
        '',
      ].join('\n'),
    );
  }
  return refused > 0 ? 1 : 0;
}

function textOf(line: ImportLine): string {
  if (!line.ok) return `error  ${line.error?.message}`;
  const notes = (line.tracks ?? []).map((t) => `${t.role} ${t.notes}`).join(', ');
  return `ok     ${line.file}: ${line.key}, ${line.meter}, ${line.tempo} bpm; ${notes}; ${line.chords?.length ?? 0} chords`;
}
