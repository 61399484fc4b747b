/**
 * The files of `muse train --workers N`, shared between its threads as runs of consecutive files
 * (countFiles.ts). The main thread starts with every file in its run and counts from the front; a
 * thread with nothing to do — a worker once its code is loaded, any thread that finished its run —
 * takes the second half (by bytes) of the run with the most bytes left. Every thread thus counts
 * until the last file is taken, whatever its speed (a cold worker, a core shared with other work,
 * files of different cost), and each run it took is a part of consecutive files: the parts added up
 * in file order give the counts one thread gives.
 *
 * The state lives in a SharedArrayBuffer, guarded by a lock held for a few array reads: per thread
 * the next file of its run and the run's end.
 */

const LOCK = 0;
/** Thread k's next file is at 1 + 2k, the end of its run at 2 + 2k. */
const next = (k: number) => 1 + 2 * k;
const end = (k: number) => 2 + 2 * k;

/** A run of files taken by a thread: `files[start … end − 1]`. */
export interface Run {
  readonly start: number;
  readonly end: number;
}

export class SharedRuns {
  private readonly state: Int32Array;
  /** Bytes before file i (prefix sums of the sizes). */
  private readonly before: Float64Array;

  /** The shared state of `threads` threads over files of these sizes: thread 0's run is every file. */
  static create(threads: number, files: number): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(4 * (1 + 2 * threads));
    const state = new Int32Array(buffer);
    state[end(0)] = files;
    return buffer;
  }

  /** A thread's view of the state `buffer` ({@link SharedRuns.create}), with the files' sizes in bytes. */
  constructor(
    buffer: SharedArrayBuffer,
    readonly sizes: readonly number[],
  ) {
    this.state = new Int32Array(buffer);
    this.before = new Float64Array(sizes.length + 1);
    sizes.forEach((s, i) => {
      this.before[i + 1] = this.before[i] + s;
    });
  }

  /** Number of threads sharing the files. */
  get threads(): number {
    return (this.state.length - 1) / 2;
  }

  /** Thread k's next file to count (it is then counted by k), or −1 when k's run is over. */
  take(k: number): number {
    return this.locked(() => {
      const i = this.state[next(k)];
      if (i >= this.state[end(k)]) return -1;
      this.state[next(k)] = i + 1;
      return i;
    });
  }

  /**
   * For thread k, whose run is over: the second half (by bytes) of the run with the most bytes left,
   * now k's run — or undefined when no run has two files left (every file is counted or being counted).
   */
  steal(k: number): Run | undefined {
    // Nothing allocated while the lock is held (a thread stopped there would hold it for good).
    let start = -1;
    let stop = -1;
    this.locked(() => {
      let victim = -1;
      let most = 0;
      for (let v = 0; v < this.threads; v++) {
        const from = this.state[next(v)];
        const to = this.state[end(v)];
        const left = this.before[to] - this.before[from];
        if (to - from >= 2 && left > most) {
          victim = v;
          most = left;
        }
      }
      if (victim < 0) return;
      const from = this.state[next(victim)];
      const to = this.state[end(victim)];
      // The cut nearest half the bytes left, each side one file at least.
      const half = this.before[from] + most / 2;
      let cut = from + 1;
      while (cut < to - 1 && this.before[cut] < half) cut++;
      if (cut > from + 1 && half - this.before[cut - 1] < this.before[cut] - half) cut--;
      this.state[end(victim)] = cut;
      this.state[next(k)] = cut;
      this.state[end(k)] = to;
      start = cut;
      stop = to;
    });
    return start < 0 ? undefined : { start, end: stop };
  }

  private locked<T>(f: () => T): T {
    while (Atomics.compareExchange(this.state, LOCK, 0, 1) !== 0) Atomics.wait(this.state, LOCK, 1, 1);
    try {
      return f();
    } finally {
      Atomics.store(this.state, LOCK, 0);
      Atomics.notify(this.state, LOCK, 1);
    }
  }
}
