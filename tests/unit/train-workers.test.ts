import { describe, expect, it } from 'vitest';
import type { CorpusPiece } from '../../src/corpus';
import { encodeModel, type TrainProgress, trainModel } from '../../src/model';
import { DEFAULT_PITCH_WEIGHTS } from '../../src/model/pitchModel';
import { builtinCorpus } from '../../src/presets';
import { splitIndex, type TrainRequest, type TrainWorker, trainWith } from '../../src/ui/trainClient';
import { serveTraining, type TrainScope } from '../../src/ui/trainServe';

/*
 * The page's training workers (trainClient.ts, trainServe.ts) run here as they run in the page,
 * each on its own message channel (structured clone and transfer as between threads), without the
 * Worker around them: one worker, or two that split the pieces and the finishing.
 */

interface Spawned {
  workers: TrainWorker[];
  terminated: number;
}

/** A spawn function of workers served on message channels; `swapRoles` plants a fault (the lead counts the second part). */
function spawner(options: { swapRoles?: boolean } = {}): { spawn: () => TrainWorker; spawned: Spawned } {
  const spawned: Spawned = { workers: [], terminated: 0 };
  const spawn = (): TrainWorker => {
    const { port1, port2 } = new MessageChannel();
    serveTraining(port2 as unknown as TrainScope);
    let open = true;
    const worker: TrainWorker = {
      postMessage(request: TrainRequest, transfer: Transferable[]) {
        let sent = request;
        if (options.swapRoles && sent.type === 'start' && sent.role)
          sent = { ...sent, role: sent.role === 'lead' ? 'helper' : 'lead' };
        port1.postMessage(sent, transfer);
      },
      set onmessage(listen: TrainWorker['onmessage']) {
        port1.onmessage = listen as (e: MessageEvent) => void;
      },
      get onmessage() {
        return port1.onmessage as TrainWorker['onmessage'];
      },
      onerror: null,
      terminate() {
        if (open) spawned.terminated++;
        open = false;
        port1.close();
      },
    };
    spawned.workers.push(worker);
    return worker;
  };
  return { spawn, spawned };
}

// Built-in corpora in a row: pieces of unlike sizes, enough for the weight fit.
const pieces: CorpusPiece[] = ['reels', 'folk-jigs', 'songbook', 'waltzes'].flatMap(
  (name) => builtinCorpus(name)?.pieces ?? [],
);
const options = { order: 3, melodyMaxRun: 6 };
const trained = trainModel(pieces, options);
const expected = encodeModel(trained);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('training in the page: one worker or two (trainClient.trainWith)', () => {
  it('has pieces enough to split and to fit the weights', () => {
    expect(pieces.length).toBeGreaterThan(60);
    expect(trained.pitch.weights).not.toEqual(DEFAULT_PITCH_WEIGHTS);
  });

  for (const workers of [1, 2]) {
    it(`gives trainModel's model byte for byte with ${workers} worker(s), every step reported in order`, async () => {
      const { spawn, spawned } = spawner();
      const steps: TrainProgress[] = [];
      const result = await trainWith(spawn, pieces, options, { workers, onProgress: (p) => steps.push(p) });
      if (!result.ok) throw new Error(result.error.message);
      expect(spawned.workers).toHaveLength(workers);
      expect(same(result.value.bytes, expected)).toBe(true);
      expect(steps.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(spawned.terminated).toBe(workers); // nothing left running
    });
  }

  it('fails the comparison when the counts are merged in the wrong order (planted fault)', async () => {
    const { spawn } = spawner({ swapRoles: true });
    const result = await trainWith(spawn, pieces, options, { workers: 2 });
    if (!result.ok) throw new Error(result.error.message);
    expect(same(result.value.bytes, expected)).toBe(false);
  });

  it('splits the pieces where half the notes are counted, one piece at least each side', () => {
    const at = splitIndex(pieces);
    const notes = (ps: CorpusPiece[]) => ps.reduce((n, p) => n + p.tracks.reduce((m, t) => m + t.notes.length, 0), 0);
    const largest = Math.max(...pieces.map((p) => notes([p])));
    expect(Math.abs(notes(pieces.slice(0, at)) - notes(pieces.slice(at)))).toBeLessThanOrEqual(2 * largest);
    expect(splitIndex(pieces.slice(0, 2))).toBe(1);
  });

  it('terminates both workers at once when cancelled', async () => {
    const { spawn, spawned } = spawner();
    const controller = new AbortController();
    const training = trainWith(spawn, pieces, options, { workers: 2, signal: controller.signal });
    controller.abort();
    const result = await training;
    expect(result.ok ? 'trained' : result.error.code).toBe('cancelled');
    expect(spawned.terminated).toBe(2);
  });

  it("says why when the helper's pieces cannot be counted, and stops both", async () => {
    const { spawn, spawned } = spawner();
    const last = pieces[pieces.length - 1];
    // A note that is no note, in the last piece (the helper's part).
    const bad = { ...last, tracks: last.tracks.map((t) => ({ ...t, notes: [null, ...t.notes] })) };
    const broken = [...pieces.slice(0, -1), bad as unknown as CorpusPiece];
    const result = await trainWith(spawn, broken, options, { workers: 2 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('failed');
      expect(result.error.message).toMatch(/^Training failed: /);
    }
    expect(spawned.terminated).toBe(2);
  });
});
