import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../bench/measure';
import { benchmarksMarkdown, formatValue } from '../bench/writeBenchmarks';

const run: BenchRun = {
  date: '2026-12-06T03:40:00.000Z',
  node: 'v20.20.2',
  machine: { cpus: 2, cpu: 'Some CPU', memoryGiB: 24 },
  load: { start: 4.43, end: 6.1 },
  commit: 'abc1234',
  figures: [
    {
      section: 'Import',
      name: 'import files',
      value: 527.4,
      unit: 'files/s',
      baseline: { name: 'bare parse', value: 257.1, ratio: 2.051 },
    },
    { section: 'Render', name: 'naive, 3 min', value: null as unknown as number, unit: '× realtime', note: 'given up' },
    { section: 'Import', name: 'import notes', value: 182_345, unit: 'notes/s' },
    { name: 'a new benchmark | with a bar', value: 0.8345, unit: 'ms' },
  ],
};

describe('BENCHMARKS.md from one bench run', () => {
  const md = benchmarksMarkdown(run);

  it('names the run: date, commit, machine, load average', () => {
    expect(md).toContain('2026-12-06 03:40 UTC, commit abc1234');
    expect(md).toContain('2 × Some CPU, 24 GiB, Node 20.20.2');
    expect(md).toContain('4.4 at the start, 6.1 at the end');
  });

  it('groups the figures by section in the order the run printed them, whatever they are', () => {
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Import', 'Render', 'Other', 'How to reproduce']);
    const importRows = md.split('## Import')[1].split('## Render')[0];
    expect(importRows.indexOf('import files')).toBeLessThan(importRows.indexOf('import notes'));
    expect(md).toContain('| import files | 527 files/s | 2.05× bare parse (257 files/s) |  |');
    expect(md).toContain('| import notes | 182,000 notes/s |');
    expect(md).toContain('| naive, 3 min | — |  | given up |');
    expect(md).toContain('a new benchmark \\| with a bar | 0.835 ms');
  });

  it('writes each value as the run printed it, to three digits (a changed figure changes the file)', () => {
    expect(formatValue(30.62)).toBe('30.6');
    expect(formatValue(1.0)).toBe('1');
    expect(formatValue(Number.NaN)).toBe('—');
    const other = benchmarksMarkdown({ ...run, figures: [{ ...run.figures[0], value: 600 }] });
    expect(other).not.toEqual(md);
    expect(other).toContain('| import files | 600 files/s |');
  });
});
