import type { Units } from './metric';
import { CANDIDATES, clampInterval, MAX_INTERVAL, MEMORY_ORDER } from './pitchExperts';

/*
 * The short-term model of a melody (Conklin & Witten 1995; Pearce's IDyOM calls it the STM): what
 * this piece itself has done so far. Tunes repeat and vary their own figures — a bar comes back, a
 * motif returns a step higher — and no model of the whole corpus can know which figure this tune
 * chose; a model of the piece so far can. It predicts the interval to the next note from the
 * piece's own earlier notes: after the same last k intervals (with their lengths), for a note of
 * the same length, for every k from MEMORY_ORDER down to 0, blended as PPM does (method C: a
 * context seen n times with d distinct continuations passes d / (n + d) of its mass on to the
 * shorter one, and the shortest to all 49 intervals alike). Its log-probabilities are one more
 * expert of the pitch model (pitchModel.ts), weighted by cross-validation like the others.
 *
 * A memory is immutable once it has children: a child reads its parent's layers of counts and
 * writes only its own, so a phrase can be tried and thrown away without copying what came before.
 * Layers are merged as the digits of a binary counter are (compact), so a piece keeps few of them.
 */

/** Notes a memory keeps; past twice this it starts afresh from the last ones (endless playback stays bounded). */
const MAX_NOTES = 512;

/**
 * Counts of the intervals after each context: context key (contextKeys) → a row of pairs
 * [interval + 24, count, interval + 24, count, …] (a few pairs each: cheaper than a map per context).
 */
type Counts = Map<number, number[]>;

/** A note the memory heard: its interval from the note before (null: the first) and its length. */
interface Heard {
  readonly interval: number | null;
  readonly units: Units;
}

/** Scratch space of {@link PieceMemory.logits}. */
const blend = new Float64Array(CANDIDATES);
const countScratch = new Float64Array(CANDIDATES);

/** The notes of a piece heard so far, counted for prediction (see above). */
export class PieceMemory {
  private readonly own: Counts;
  private readonly heard: Heard[];
  private readonly layers: readonly Counts[];
  /** Set once this memory's layer has been merged into another's: it may not hear more. */
  private sealed = false;

  /** An empty memory, or one that reads `from` (a memory, or layers and notes) and writes its own layer. */
  constructor(from?: PieceMemory | { layers: readonly Counts[]; heard: readonly Heard[] }) {
    const source = from instanceof PieceMemory ? { layers: from.layers, heard: from.heard } : from;
    this.own = new Map();
    this.heard = source ? [...source.heard] : [];
    this.layers = source ? [...source.layers, this.own] : [this.own];
  }

  /** A memory that knows everything this one does and learns on its own. */
  child(): PieceMemory {
    return new PieceMemory(this);
  }

  /**
   * This memory with its newest layers merged while the newest is at least as large as the one
   * before it (a binary counter's carry: a piece of n notes keeps about log₂ n layers, each count
   * copied about log₂ n times in all); cut to its last notes when long, so endless playback stays
   * bounded. The layers merged stay as they are: other memories read them.
   */
  compact(): PieceMemory {
    if (this.heard.length >= 2 * MAX_NOTES) {
      const cut = new PieceMemory();
      for (const h of this.heard.slice(-MAX_NOTES)) cut.observe(h.interval, h.units);
      return cut;
    }
    const layers = [...this.layers];
    let merged = false;
    while (layers.length >= 2 && layers[layers.length - 1].size >= layers[layers.length - 2].size) {
      const newer = layers.pop() as Counts;
      const older = layers.pop() as Counts;
      layers.push(mergeCounts(older, newer));
      merged = true;
    }
    if (!merged) return this;
    this.sealed = true;
    return new PieceMemory({ layers, heard: this.heard });
  }

  /**
   * The same memory, the music having moved on through `notes` (pitches, lengths; the first after
   * pitch `before`) that it learns nothing new from — a section heard again: what comes next is
   * predicted from where the music is, with what the piece had already taught.
   */
  movedOn(before: number | undefined, notes: readonly { pitch: number; units: Units }[]): PieceMemory {
    const heard = [...this.heard];
    let previous = before;
    for (const n of notes) {
      heard.push({ interval: previous === undefined ? null : clampInterval(n.pitch - previous), units: n.units });
      previous = n.pitch;
    }
    return new PieceMemory({ layers: this.layers, heard: heard.slice(-MAX_NOTES) });
  }

  /** Notes heard. */
  get size(): number {
    return this.heard.length;
  }

  /** Hears a note: its interval from the previous note (null for the piece's first) and its length. */
  observe(interval: number | null, units: Units): void {
    if (this.sealed)
      throw new Error('PieceMemory: a compacted memory hears nothing more (use the one compact() returned)');
    if (interval !== null) {
      const target = clampInterval(interval) + MAX_INTERVAL;
      for (let k = contextKeys(this.heard, units, MEMORY_ORDER) - 1; k >= 0; k--) {
        const key = keys[k];
        const row = this.own.get(key);
        if (!row) this.own.set(key, [target, 1]);
        else addTo(row, target, 1);
      }
    }
    this.heard.push({ interval: interval === null ? null : clampInterval(interval), units });
  }

  /**
   * log P of each candidate interval (index i: interval i − 24) of the next note, of length
   * `units`, after at most `depth` notes of context; all equal when the piece has taught nothing yet.
   */
  logits(units: Units, depth: number, out: Float64Array): Float64Array {
    blend.fill(0);
    let mass = 1;
    const counts = countScratch;
    for (let k = contextKeys(this.heard, units, Math.min(depth, MEMORY_ORDER)) - 1; k >= 0; k--) {
      const key = keys[k];
      let total = 0;
      let distinct = 0;
      for (const layer of this.layers) {
        const row = layer.get(key);
        if (!row) continue;
        for (let i = 0; i < row.length; i += 2) {
          if (counts[row[i]] === 0) distinct++;
          counts[row[i]] += row[i + 1];
          total += row[i + 1];
        }
      }
      if (total === 0) continue;
      const share = mass / (total + distinct);
      for (let i = 0; i < CANDIDATES; i++) {
        blend[i] += share * counts[i];
        counts[i] = 0;
      }
      mass *= distinct / (total + distinct);
    }
    for (let i = 0; i < CANDIDATES; i++) out[i] = Math.log(blend[i] + mass / CANDIDATES);
    return out;
  }
}

/** Adds `n` to the count of `target` in a row of pairs. */
function addTo(row: number[], target: number, n: number): void {
  for (let i = 0; i < row.length; i += 2)
    if (row[i] === target) {
      row[i + 1] += n;
      return;
    }
  row.push(target, n);
}

/**
 * Two layers' counts added up into a new table. Neither is changed, and rows only one of them has
 * are shared, not copied: layers are never written to once merged (PieceMemory seals them).
 */
function mergeCounts(a: Counts, b: Counts): Counts {
  const counts: Counts = new Map(a);
  for (const [key, row] of b) {
    const older = counts.get(key);
    if (!older) {
      counts.set(key, row);
      continue;
    }
    const merged = older.slice();
    for (let i = 0; i < row.length; i += 2) addTo(merged, row[i], row[i + 1]);
    counts.set(key, merged);
  }
  return counts;
}

/**
 * The context keys of a note of `units` after `heard`, written to {@link keys} shortest first (read
 * them backwards for longest first); their number is returned: for k = 0 … depth, the last k
 * intervals with their lengths (as far back as the piece goes) and the note's own length, each
 * hashed to a number (two 32-bit multiplicative hashes in one 52-bit integer: a piece holds a few
 * thousand contexts, so two of them share a key with a chance of about 10⁻⁹). One buffer for every
 * call: a training asks for them at each of its notes, and an array each was garbage to collect.
 */
function contextKeys(heard: readonly Heard[], units: Units, depth: number): number {
  let a = Math.imul(units + 1, 0x9e3779b1);
  let b = Math.imul(units + 7, 0x85ebca77);
  keys[0] = key(a, b);
  let n = 1;
  for (let k = 1; k <= depth && k <= heard.length; k++) {
    const h = heard[heard.length - k];
    const symbol = ((h.interval === null ? 0 : h.interval + MAX_INTERVAL + 1) << 8) | h.units | (k << 16);
    a = Math.imul(a ^ symbol, 0x9e3779b1) ^ (a >>> 15);
    b = Math.imul(b + symbol, 0xc2b2ae35) ^ (b >>> 13);
    keys[n++] = key(a, b);
    if (h.interval === null) break;
  }
  return n;
}

/** Where {@link contextKeys} writes. */
const keys = new Float64Array(MEMORY_ORDER + 1);

const key = (a: number, b: number): number => (a >>> 0) * 2 ** 20 + (b >>> 12);

/**
 * A memory that has also heard `notes` (pitches, lengths), the first after a note of pitch
 * `before` (undefined: the piece's first note, or nothing known before it).
 */
export function heardAfter(
  memory: PieceMemory | undefined,
  before: number | undefined,
  notes: readonly { pitch: number; units: Units }[],
): PieceMemory {
  const next = memory ? memory.child() : new PieceMemory();
  let previous = before;
  for (const n of notes) {
    next.observe(previous === undefined ? null : n.pitch - previous, n.units);
    previous = n.pitch;
  }
  return next.compact();
}
