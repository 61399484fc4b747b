import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'muse-thread-'));

/**
 * `muse train` on the built-in corpora, started as `how` says, with a CPU profile per JavaScript
 * thread (Node writes one file for each): the model file and the number of threads that ran.
 */
function train(how: 'as npx runs it' | 'node bin.mjs'): { model: Buffer; threads: number } {
  const profiles = mkdtempSync(join(dir, 'prof-'));
  const out = join(profiles, 'model.json');
  const args = ['train', 'presets/corpora', '--out', out];
  // As npx runs it: node with the options of the file's first line (#!/usr/bin/env -S node ...).
  const options = how === 'as npx runs it' ? firstLineOptions() : [];
  const r = spawnSync(process.execPath, [...options, '--cpu-prof', `--cpu-prof-dir=${profiles}`, BIN, ...args], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const threads = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile')).length;
  return { model: readFileSync(out), threads };
}

/** The node options on bin.mjs's first line. */
function firstLineOptions(): string[] {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  return (first.match(/\bnode\b(.*)$/)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

describe('muse train: the thread it trains in', () => {
  it('starts node with a small young generation, as npx runs the command', () => {
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toMatch(/^#!\/usr\/bin\/env -S node /);
    expect(firstLineOptions()).toContain('--max-semi-space-size=4');
  });

  it('trains in the main thread when started so, in a worker thread otherwise: the same model', () => {
    const direct = train('as npx runs it');
    const plain = train('node bin.mjs');
    expect(direct.threads).toBe(1);
    // The check tells the two apart: without the option, a worker thread is given the small young generation.
    expect(plain.threads).toBe(2);
    expect(direct.model.equals(plain.model)).toBe(true);
  }, 120_000);
});
