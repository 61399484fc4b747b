/**
 * The craft measures (issue #14) of every built-in preset over seeds 1–20 and of the reference
 * corpora (each built-in corpus, the 382 JSB chorales, the 856 Nottingham tunes), written as JSON
 * with the commit, the command and the date: the "before" figures (tests/fixtures/craft-before.json)
 * and, run again later with another --out, the "after" ones, for BENCHMARKS.md.
 *
 *   npx tsx tests/bench/craft.ts [--out tests/fixtures/craft-before.json] [--seeds 20]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composedSet, corpusSet } from '../../src/cli/statsSets';
import { importFile } from '../../src/corpus';
import { type CraftSummary, measureCraft, summarizeCraft } from '../../src/eval';
import { builtinCorpusNames, builtinPresets, loadBuiltinCorpora } from '../../src/presets';
import { SHARED_CORPORA } from '../helpers/shared';

await loadBuiltinCorpora();
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = arg('out') ?? 'tests/fixtures/craft-before.json';
const count = Number(arg('seeds') ?? 20);
const seeds = Array.from({ length: count }, (_, i) => i + 1);
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

const presets: Record<string, CraftSummary> = {};
for (const preset of builtinPresets()) {
  presets[preset.name] = summarizeCraft(composedSet(preset, seeds).craft);
  console.error(`${preset.name}: ${seeds.length} seeds`);
}
const corpora: Record<string, CraftSummary> = {};
for (const name of builtinCorpusNames()) corpora[name] = summarizeCraft(corpusSet(name).craft);
const jsbFile = join(SHARED_CORPORA, 'jsb', 'jsb-chorales-quarter.json');
corpora.jsb = summarizeCraft(importFile(jsbFile, readFileSync(jsbFile)).pieces.map((p) => measureCraft(p)));
const nottingham = join(SHARED_CORPORA, 'nottingham');
corpora.nottingham = summarizeCraft(
  readdirSync(nottingham)
    .sort()
    .flatMap((f) => importFile(f, readFileSync(join(nottingham, f))).pieces)
    .map((p) => measureCraft(p)),
);

const report = {
  commit: git('rev-parse', '--short', 'HEAD'),
  /** The last commit that changed what is measured (composer, model, presets and their corpora). */
  musicCommit: git('log', '-1', '--format=%h', '--', 'src/compose', 'src/model', 'src/presets', 'presets'),
  command: `npx tsx tests/bench/craft.ts --out ${out} --seeds ${count}`,
  date: new Date().toISOString().slice(0, 10),
  seeds: `${seeds[0]}-${seeds[seeds.length - 1]}`,
  presets,
  corpora,
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.error(`wrote ${out}`);
