import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pushAll } from '../core';
import { type ImportLine, importFile, MAX_FILE_BYTES } from '../corpus/importFile';
import { reportCorpus } from '../corpus/report';
import type { CorpusPiece } from '../corpus/types';
import { parseOptions, UsageError } from './args';
import type { Io } from './io';

const IMPORTABLE = /\.(mid|midi|kar|smf|json)$/i;

/** Every importable file under the paths: files as given, folders walked (sorted, recursively). */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (path: string, given: boolean) => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      if (given) throw new UsageError(`no such file or folder: ${path}`);
      return;
    }
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name), false);
    else if (given || IMPORTABLE.test(path)) files.push(path);
  };
  for (const p of paths) walk(p, true);
  return files;
}

/**
 * `muse import PATH... [--json]`: imports MIDI, corpus and JSB files, prints a line per piece (JSON
 * objects with --json) and then the corpus report. Exit status 1 when any file was refused.
 */
export function importCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  const files = collectFiles(positionals);
  const pieces: CorpusPiece[] = [];
  let refused = 0;
  for (const file of files) {
    const size = statSync(file).size;
    const result =
      size > MAX_FILE_BYTES
        ? {
            lines: [
              {
                file,
                ok: false,
                error: { code: 'too-large', message: `${file}: ${size} bytes is over the limit of ${MAX_FILE_BYTES}` },
              },
            ],
            pieces: [],
          }
        : importFile(file, readFileSync(file));
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
        `${report.pieces} pieces, ${report.notes} notes, ${(report.seconds / 60).toFixed(1)} minutes; ${refused} refused`,
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
