import { START } from './chain';
import type { ChainBuilder } from './chainBuilder';
import type { MelodyLine } from './melodyLine';
import { barPositionToken, barUnits } from './metric';
import { clampInterval, type ExpertName, MAX_INTERVAL, mod12, REFERENCE_PITCH } from './pitchExperts';
import { rhythmToken } from './rhythmModel';

/*
 * Counting a melody without making a string per note: every token the rhythm chain and the pitch
 * experts count is named by a small integer code (an interval and a length, a degree, …), and each
 * builder's symbol id of a code is kept in an array, so the token's text is made only the first
 * time the code is seen. The counts are exactly those of rhythmEvents / expertContext /
 * expertTarget (pitchExperts.ts), which say in words what is counted here; a test compares them.
 */

const STRENGTH_CODE: Readonly<Record<string, number>> = { D: 0, B: 1, h: 2, o: 3 };
const STRENGTHS = ['D', 'B', 'h', 'o'] as const;
/** Lengths of notes and rests are 1 … MAX_UNITS (96). */
const UNITS = 97;
const INTERVALS = 2 * MAX_INTERVAL + 1;

/** Symbol ids of a builder's tokens by code, the text made on first use. */
class TokenIds {
  private readonly ids: Int32Array;
  constructor(
    private readonly builder: ChainBuilder,
    size: number,
    private readonly text: (code: number) => string,
  ) {
    this.ids = new Int32Array(size).fill(-1);
  }
  id(code: number): number {
    let id = this.ids[code];
    if (id < 0) {
      id = this.builder.intern(this.text(code));
      this.ids[code] = id;
    }
    return id;
  }
}

/** Symbol ids by a code with no small bound (meters and positions, chords). */
class KeyedIds<K> {
  private readonly ids = new Map<K, number>();
  constructor(
    private readonly builder: ChainBuilder,
    private readonly text: (key: K) => string,
  ) {}
  id(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.builder.intern(this.text(key));
      this.ids.set(key, id);
    }
    return id;
  }
}

const intervalText = (code: number) => (code === INTERVALS ? '^' : String(code - MAX_INTERVAL));

/** The counters of the rhythm chain and the four experts, with their token tables. */
export interface MelodyCounter {
  count(line: MelodyLine, fold: number): void;
}

/** A counter over the builders of a model of `order` (see modelCounts.ts). */
export function melodyCounter(
  order: number,
  rhythm: ChainBuilder,
  experts: Readonly<Record<ExpertName, ChainBuilder>>,
): MelodyCounter {
  const { contour, tonal, scale, harmony } = experts;
  const ids = {
    rhythmStart: -1,
    rhythmToken: new TokenIds(rhythm, 2 * UNITS, (c) => rhythmToken({ units: c % UNITS, rest: c >= UNITS })),
    rhythmPosition: new KeyedIds<number>(rhythm, (k) =>
      barPositionToken(k % 100_000, [Math.floor(k / 1e7), Math.floor(k / 100_000) % 100]),
    ),
    contourStart: -1,
    contourHistory: new TokenIds(
      contour,
      (INTERVALS + 1) * UNITS,
      (c) => `${intervalText(Math.floor(c / UNITS))}|${c % UNITS}`,
    ),
    contourUnits: new TokenIds(contour, UNITS, String),
    contourTarget: new TokenIds(contour, INTERVALS, intervalText),
    tonalStart: -1,
    tonalHistory: new TokenIds(tonal, INTERVALS + 1, intervalText),
    tonalDegree: new TokenIds(tonal, 12, (c) => `d${c}`),
    tonalTarget: new TokenIds(tonal, INTERVALS, intervalText),
    scaleStart: -1,
    scaleHistory: new TokenIds(scale, 12, String),
    // family (M, m) × strength × chord root (0–11, 12 for none)
    scaleFeature: new TokenIds(
      scale,
      2 * 4 * 13,
      (c) => `${c >= 52 ? 'm' : 'M'}${STRENGTHS[Math.floor(c / 13) % 4]}${c % 13 === 12 ? '?' : c % 13}`,
    ),
    scaleTarget: new TokenIds(scale, 12, String),
    harmonyStart: -1,
    harmonyPrevious: new TokenIds(harmony, 12, (c) => `p${c}`),
    harmonyRoman: new KeyedIds<string>(harmony, (r) => r),
    harmonyStrength: new TokenIds(harmony, 4, (c) => STRENGTHS[c]),
    harmonyTarget: new TokenIds(harmony, 12, String),
  };
  const starts = () => {
    if (ids.contourStart < 0) {
      ids.rhythmStart = rhythm.intern(START);
      ids.contourStart = contour.intern(START);
      ids.tonalStart = tonal.intern(START);
      ids.scaleStart = scale.intern(START);
      ids.harmonyStart = harmony.intern(START);
    }
  };
  const rhythmTuple = new Int32Array(order + 2);
  const contourTuple = new Int32Array(order + 2);
  const tonalTuple = new Int32Array(order + 2);
  const scaleTuple = new Int32Array(order + 2);
  const harmonyTuple = new Int32Array(4);
  let history = { contour: new Int32Array(256), tonal: new Int32Array(256), scale: new Int32Array(256) };
  let rhythmHistory = new Int32Array(256);

  const countRhythm = (line: MelodyLine) => {
    const events = line.rhythm;
    if (rhythmHistory.length < events.length) rhythmHistory = new Int32Array(2 * events.length);
    const [beats, unit] = line.meter;
    const bar = barUnits(line.meter);
    const meterKey = beats * 1e7 + unit * 100_000;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const token = ids.rhythmToken.id((e.rest ? UNITS : 0) + e.units);
      const h = Math.min(i, order);
      for (let k = 0; k < order - h; k++) rhythmTuple[k] = ids.rhythmStart;
      for (let k = 0; k < h; k++) rhythmTuple[order - h + k] = rhythmHistory[i - h + k];
      rhythmTuple[order] = ids.rhythmPosition.id(meterKey + (((e.onset % bar) + bar) % bar));
      rhythmTuple[order + 1] = token;
      rhythm.counts.add(rhythmTuple, 0, 1);
      rhythmHistory[i] = token;
    }
  };

  return {
    count(line, fold) {
      starts();
      countRhythm(line);
      const notes = line.notes;
      const n = notes.length;
      if (history.contour.length < n)
        history = { contour: new Int32Array(2 * n), tonal: new Int32Array(2 * n), scale: new Int32Array(2 * n) };
      const family = line.family === 'm' ? 52 : 0;
      for (let i = 0; i < n; i++) {
        const note = notes[i];
        const previous = i > 0 ? notes[i - 1].pitch : null;
        const base = previous ?? REFERENCE_PITCH;
        const pitch = base + clampInterval(note.pitch - base);
        const h = Math.min(i, order);
        const strength = STRENGTH_CODE[note.strength];
        if (previous !== null) {
          const interval = clampInterval(pitch - previous);
          // contour: [START…, interval|units of the previous notes, units] → interval
          for (let k = 0; k < order - h; k++) contourTuple[k] = ids.contourStart;
          for (let k = 0; k < h; k++) contourTuple[order - h + k] = history.contour[i - h + k];
          contourTuple[order] = ids.contourUnits.id(note.units);
          contourTuple[order + 1] = ids.contourTarget.id(interval + MAX_INTERVAL);
          contour.counts.add(contourTuple, 0, 1, fold);
          // tonal: [START…, intervals of the previous notes, d + previous degree] → interval
          for (let k = 0; k < order - h; k++) tonalTuple[k] = ids.tonalStart;
          for (let k = 0; k < h; k++) tonalTuple[order - h + k] = history.tonal[i - h + k];
          tonalTuple[order] = ids.tonalDegree.id(mod12(previous));
          tonalTuple[order + 1] = ids.tonalTarget.id(interval + MAX_INTERVAL);
          tonal.counts.add(tonalTuple, 0, 1, fold);
        }
        // scale: [START…, degrees of the previous notes, family strength root] → degree
        for (let k = 0; k < order - h; k++) scaleTuple[k] = ids.scaleStart;
        for (let k = 0; k < h; k++) scaleTuple[order - h + k] = history.scale[i - h + k];
        scaleTuple[order] = ids.scaleFeature.id(family + strength * 13 + (note.chord ? note.chord.root : 12));
        scaleTuple[order + 1] = ids.scaleTarget.id(mod12(pitch));
        scale.counts.add(scaleTuple, 0, 1, fold);
        // harmony: [START or p + previous pitch above the root, roman, strength] → pitch above the root
        if (note.chord) {
          const root = note.chord.root;
          harmonyTuple[0] = previous === null ? ids.harmonyStart : ids.harmonyPrevious.id(mod12(previous - root));
          harmonyTuple[1] = ids.harmonyRoman.id(note.chord.roman);
          harmonyTuple[2] = ids.harmonyStrength.id(strength);
          harmonyTuple[3] = ids.harmonyTarget.id(mod12(pitch - root));
          harmony.counts.add(harmonyTuple, 0, 1, fold);
        }
        // This note as history of the next ones.
        const interval = previous === null ? INTERVALS : clampInterval(note.pitch - previous) + MAX_INTERVAL;
        history.contour[i] = ids.contourHistory.id(interval * UNITS + note.units);
        history.tonal[i] = ids.tonalHistory.id(interval);
        history.scale[i] = ids.scaleHistory.id(mod12(note.pitch));
      }
    },
  };
}
