import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importEntry } from '../../src/cli/import';
import type { ImportedFile } from '../../src/corpus';
import { SHARED_CORPORA } from './shared';

/**
 * Fingerprints of what the importer makes of real files, to prove that a faster importer makes the
 * same thing: the SHA-256 of the JSON of a file's lines and pieces exactly as written (key order,
 * every note, every chord label and its spelling, the tempo map, the warnings).
 */

/** The .mid files of a shared corpus, sorted by their path under it (POP909 keeps one per folder). */
export function corpusFiles(corpus: 'nottingham' | 'pop909'): string[] {
  const root = join(SHARED_CORPORA, corpus);
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, name.name);
      if (name.isDirectory()) walk(path);
      else if (/\.mid$/i.test(name.name)) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

/** The path of a shared corpus file as the fixture names it ("nottingham/ashover_simple_chords_1.mid"). */
export const sharedName = (path: string) => path.slice(SHARED_CORPORA.length);

/** SHA-256 (hex) of the JSON of what importing one file gave, lines and pieces. */
export function digestOf(imported: ImportedFile): string {
  // The file name in the lines is where the file lay, not what the importer made of it.
  const lines = imported.lines.map((l) => ({ ...l, file: sharedName(l.file) }));
  const pieces = imported.pieces.map((p) => ({ ...p, source: sharedName(p.source) }));
  return createHash('sha256').update(JSON.stringify({ lines, pieces })).digest('hex');
}

/** The digest of each file as the CLI imports it (read from disk, MIDI parsed, quantized, chords labelled). */
export function importDigests(paths: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of paths) out[sharedName(path)] = digestOf(importEntry({ path }));
  return out;
}

/** One digest over many file digests, in the order given. */
export function combinedDigest(digests: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, digest] of Object.entries(digests)) hash.update(`${name} ${digest}\n`);
  return hash.digest('hex');
}

/**
 * The files `tests/fixtures/import-digests.json` holds: every Nottingham tune (1.3 s to import) and
 * every 8th POP909 song (the whole set takes ten seconds).
 */
export function sampleFiles(): string[] {
  return [...corpusFiles('nottingham'), ...corpusFiles('pop909').filter((_, i) => i % 8 === 0)];
}
