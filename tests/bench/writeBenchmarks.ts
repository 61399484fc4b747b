/**
 * Writes BENCHMARKS.md from one `npm run bench -- --json` run, so that every figure in it is one
 * that run printed, with the machine, its load average and the commit:
 *
 *   npm run bench -- --json > bench.json
 *   npm run benchmarks -- bench.json            # writes BENCHMARKS.md
 *
 * Generic over the figures: each section of the run becomes a table (figure, value, baseline
 * measured in the same run, note), in the order the run printed them. A benchmark added to
 * `tests/bench/run.ts` shows up here without a change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchRun, Figure } from './measure';

/** A value to three significant digits, thousands grouped ("182,000", "30.6", "0.835"); "—" for none. */
export function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function row(f: Figure): string {
  const value = f.value === null || !Number.isFinite(f.value) ? '—' : `${formatValue(f.value)} ${f.unit}`;
  const baseline = f.baseline
    ? `${f.baseline.ratio.toFixed(2)}× ${f.baseline.name} (${formatValue(f.baseline.value)} ${f.unit})`
    : '';
  return `| ${cell(f.name)} | ${cell(value)} | ${cell(baseline)} | ${cell(f.note ?? '')} |`;
}

/** BENCHMARKS.md for a run. */
export function benchmarksMarkdown(run: BenchRun): string {
  const sections = new Map<string, Figure[]>();
  for (const f of run.figures) {
    const key = f.section ?? 'Other';
    sections.set(key, [...(sections.get(key) ?? []), f]);
  }
  const { machine, load } = run;
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run benchmarks -- FILE.json` from one `npm run bench -- --json` run: do not edit by hand. -->',
    '',
    'Every figure below was printed by one run of `npm run bench -- --json`: each the median of several',
    'runs after a warm-up, with its ratio to a baseline measured the same way in the same run. These are',
    'benchmarks, not tests: nothing in `npm test` fails on speed.',
    '',
    `- Run: ${run.date.slice(0, 16).replace('T', ' ')} UTC, commit ${run.commit}`,
    `- Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${run.node.replace(/^v/, '')}`,
    `- Load average (1 min): ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end — the` +
      ' machine is shared, so absolute figures vary from run to run; ratios are taken within one run.',
    '',
  ];
  for (const [title, figures] of sections) {
    lines.push(`## ${title}`, '', '| figure | value | baseline (same run) | note |', '| --- | --- | --- | --- |');
    for (const f of figures) lines.push(row(f));
    lines.push('');
    for (const f of figures.filter((f) => f.curve && f.curve.length > 0)) {
      const points = (f.curve ?? []).map((p) => `${formatValue(p.x)}×: ${formatValue(p.y)} ${f.unit}`);
      lines.push(`Curve of ${cell(f.name.replace(/, [\d.]+× /, ', k× '))}: ${points.join(' · ')}`, '');
    }
  }
  lines.push(
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                          # a table',
    'npm run bench -- --json > bench.json   # one JSON object',
    'npm run benchmarks -- bench.json       # this file',
    '```',
    '',
    'The import figures need `../shared/corpora/nottingham` beside the project; the render figures need',
    "Debian's Chromium. The corpus measures (key agreement, chord accuracy, bits per pitch, MGEval",
    'overlaps) are tests in `tests/corpus/` and print their figures when run: `npx vitest run tests/corpus`.',
    '',
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [input, output = 'BENCHMARKS.md'] = process.argv.slice(2);
  if (!input) {
    console.error('usage: npm run benchmarks -- BENCH.json [OUT.md]');
    process.exit(2);
  }
  // The JSON object is the last line that parses (npm may print its own lines before it).
  const text = readFileSync(input, 'utf8');
  const line = text
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (!line) {
    console.error(`${input}: no JSON object from npm run bench -- --json`);
    process.exit(1);
  }
  writeFileSync(output, benchmarksMarkdown(JSON.parse(line) as BenchRun));
  console.log(`wrote ${output}`);
}
