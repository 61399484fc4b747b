// The import digests of every Nottingham and POP909 file, and one digest per corpus:
//   npx tsx tests/bench/import-digest.ts [--all all.json] [--fixture tests/fixtures/import-digests.json]
// Run before and after a change to the importer: the same digests mean the same import, byte for
// byte (notes, chord labels and their spelling, tempo maps, warnings). --all writes every file's
// digest (to find the files that differ); --fixture writes those of the sample that
// tests/corpus/import-identity.test.ts compares with, and the commit they come from.

import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { combinedDigest, corpusFiles, importDigests, sampleFiles, sharedName } from '../helpers/importDigest';

const option = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const all: Record<string, string> = {};
for (const corpus of ['nottingham', 'pop909'] as const) {
  const files = corpusFiles(corpus);
  const started = performance.now();
  const digests = importDigests(files);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${corpus}: ${files.length} files, ${combinedDigest(digests)} (${seconds.toFixed(1)} s, one-off)`);
  Object.assign(all, digests);
}
const allPath = option('--all');
if (allPath) writeFileSync(allPath, `${JSON.stringify(all, null, 2)}\n`);
const fixturePath = option('--fixture');
if (fixturePath) {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const digests = Object.fromEntries(sampleFiles().map((f) => [sharedName(f), all[sharedName(f)]]));
  writeFileSync(fixturePath, `${JSON.stringify({ commit, digests }, null, 2)}\n`);
}
