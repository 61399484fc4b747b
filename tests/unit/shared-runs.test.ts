import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bundledEntry } from '../../src/cli/bundle.mjs';
import { SharedRuns } from '../../src/cli/sharedRuns';

/*
 * muse train --workers N shares its files between threads as runs (src/cli/sharedRuns.ts): thread 0
 * starts with every file, an idle thread takes the second half (by bytes) of the largest run left.
 * Whatever the order the threads act in, every file must be counted exactly once, each run taken
 * must be consecutive files, and the parts in file order must cover the files once.
 */

/** A run a thread took, with the files it counted. */
type Taken = { start: number; files: number[] };

describe('SharedRuns: the files of muse train shared between threads', () => {
  it('gives thread 0 every file until another takes the half of what is left nearest by bytes', () => {
    const sizes = [10, 10, 10, 10, 40, 10, 10];
    const runs = new SharedRuns(SharedRuns.create(2, sizes.length), sizes);
    expect(runs.take(0)).toBe(0);
    // 90 bytes left (files 1–6): cut before file 4 leaves 30 | 60, before file 5 70 | 20: the first is nearer.
    expect(runs.steal(1)).toEqual({ start: 4, end: 7 });
    const mine: number[] = [];
    for (let i = runs.take(0); i >= 0; i = runs.take(0)) mine.push(i);
    expect(mine).toEqual([1, 2, 3]);
    // Thread 0, done, takes the second half of thread 1's run (files 4–6: 40 | 20 nearer than 50 | 10).
    expect(runs.take(1)).toBe(4);
    expect(runs.steal(0)).toEqual({ start: 6, end: 7 });
    expect(runs.take(1)).toBe(5);
    expect(runs.take(1)).toBe(-1);
    // Planted fault: a cut that is not nearest the half (the thief given a single file) is told apart.
    expect(new SharedRuns(SharedRuns.create(2, 4), [1, 1, 1, 1]).steal(1)).not.toEqual({ start: 3, end: 4 });
  });

  it('leaves nothing to take when no run has two files left', () => {
    const runs = new SharedRuns(SharedRuns.create(3, 3), [1, 1, 1]);
    expect(runs.take(0)).toBe(0);
    expect(runs.steal(1)).toEqual({ start: 2, end: 3 });
    expect(runs.steal(2)).toBeUndefined(); // thread 0 has one file left, thread 1 one
    expect(runs.take(0)).toBe(1);
    expect(runs.take(0)).toBe(-1);
    expect(runs.take(1)).toBe(2);
    expect(runs.steal(0)).toBeUndefined();
  });

  it('counts every file once, in consecutive runs, whatever order three threads act in', () => {
    for (let seed = 1; seed <= 300; seed++) {
      let x = seed;
      const random = () => {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        return x / 2 ** 31;
      };
      const n = 1 + Math.floor(random() * 40);
      const sizes = Array.from({ length: n }, () => 1 + Math.floor(random() * 1000));
      const runs = new SharedRuns(SharedRuns.create(3, n), sizes);
      const parts: Taken[] = [{ start: 0, files: [] }];
      // Each thread's part being counted; null once it found nothing to take (runs only shrink).
      const current: (Taken | undefined | null)[] = [parts[0], undefined, undefined];
      while (current.some((c) => c !== null)) {
        const k = Math.floor(random() * 3);
        const part = current[k];
        if (part === null) continue;
        const i = part ? runs.take(k) : -1;
        if (part && i >= 0) part.files.push(i);
        else {
          const run = runs.steal(k);
          current[k] = run ? { start: run.start, files: [] } : null;
          if (run) parts.push(current[k] as Taken);
        }
      }
      for (const p of parts) expect(p.files).toEqual(p.files.map((_, j) => p.start + j)); // consecutive
      const inOrder = parts.sort((a, b) => a.start - b.start).flatMap((p) => p.files);
      expect(inOrder).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('shares one state between real threads: each file taken once', async () => {
    const n = 2000;
    const sizes = Array.from({ length: n }, (_, i) => 1 + (i % 7));
    const shared = SharedRuns.create(3, n);
    // Two worker threads take runs (as countWorker.ts does) while this thread takes from its own.
    // Each says 'ready' once it has its first run, and this thread waits for both before it counts:
    // then every thread has a run (a steal leaves each side a file), however slowly a worker loads.
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { shared, sizes, index, url } = workerData;
      import(url).then(({ SharedRuns }) => {
        const runs = new SharedRuns(shared, sizes);
        const got = [];
        let ready = false;
        for (let run = runs.steal(index); run; run = runs.steal(index)) {
          if (!ready) parentPort.postMessage('ready');
          ready = true;
          for (let i = runs.take(index); i >= 0; i = runs.take(index)) { got.push(i); for (let s = 0; s < 100_000; s++); }
        }
        if (!ready) parentPort.postMessage('ready');
        parentPort.postMessage(got);
      });`;
    // The module as the CLI's threads load it: a bundle (bundle.mjs).
    const url = pathToFileURL(await bundledEntry('src/cli/sharedRuns.ts')).href;
    const runs = new SharedRuns(shared, sizes);
    const workers = [1, 2].map(
      (index) => new Worker(source, { eval: true, workerData: { shared, sizes, index, url } }),
    );
    /** Each worker's messages in order: 'ready', then the files it took. */
    const replies = workers.map((w) => {
      const messages: unknown[] = [];
      const waiting: ((m: unknown) => void)[] = [];
      w.on('message', (m) => {
        const wait = waiting.shift();
        if (wait) wait(m);
        else messages.push(m);
      });
      const failed = new Promise<never>((_, reject) => w.once('error', reject));
      failed.catch(() => {});
      return () =>
        Promise.race([
          failed,
          new Promise<unknown>((resolve) => (messages.length > 0 ? resolve(messages.shift()) : waiting.push(resolve))),
        ]);
    });
    expect(await Promise.all(replies.map((next) => next()))).toEqual(['ready', 'ready']);
    const theirs = replies.map((next) => next() as Promise<number[]>);
    const mine: number[] = [];
    for (let i = runs.take(0); i >= 0; i = runs.take(0)) {
      mine.push(i);
      for (let s = 0; s < 100_000; s++);
    }
    for (let run = runs.steal(0); run; run = runs.steal(0))
      for (let i = runs.take(0); i >= 0; i = runs.take(0)) mine.push(i);
    const all = [mine, ...(await Promise.all(theirs))];
    for (const w of workers) await w.terminate();
    // Each thread counted some (else nothing was shared), and every file exactly once.
    for (const got of all) expect(got.length).toBeGreaterThan(0);
    expect(all.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  }, 60_000);
});
