// Importing and counting for `muse train` (countFiles.ts, countWorker.ts) without loading the corpus JSON schema
// up front: zod costs each thread about 0.1 s and 13 MiB, and MIDI files never need it (issue 17).
// The reader is loaded the first time a file begins as JSON does, before that file is imported;
// in the bundle (bundle.mjs) it is a chunk of its own, with zod.
import {
  type CorpusReader,
  failed,
  type ImportedFile,
  importFileWith,
  MAX_FILE_BYTES,
  needsCorpusReader,
} from '../corpus/importFileWith';
import { countPiece, type ModelCounts } from '../model/modelCounts';
import { readEntry } from './files';

let corpusReader: Promise<CorpusReader> | undefined;

/** format.ts's parseCorpus, loaded once a thread. */
function loadCorpusReader(): Promise<CorpusReader> {
  corpusReader ??= import('../corpus/format').then((m) => m.parseCorpus);
  return corpusReader;
}

/**
 * The pieces of one file (by path) and lines for its refusals only, as `importEntry(…, { lines:
 * false })` gives them.
 */
export async function importForTraining(path: string): Promise<ImportedFile> {
  const read = readEntry({ path }, MAX_FILE_BYTES);
  if (!read.ok) return failed(path, read.error);
  const reader = needsCorpusReader(read.value) ? await loadCorpusReader() : undefined;
  return importFileWith(reader, path, read.value, { lines: false });
}

/** Imports one file and counts its pieces into `counts`; `refused` is told why each refused part was. */
export async function countFileInto(path: string, counts: ModelCounts, refused: (message: string) => void) {
  const result = await importForTraining(path);
  for (const line of result.lines) if (!line.ok) refused(line.error?.message ?? path);
  for (const piece of result.pieces) countPiece(counts, piece);
}
