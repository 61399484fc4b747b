import { PPQ, type Seconds } from '../core';
import { romanOf, tonicPitchClass } from './theory';
import type { CorpusPiece } from './types';

/** A count of something in the corpus, most frequent first. */
export interface Tally {
  value: string;
  count: number;
  share: number;
}

/** What a model learns from, in figures: the user's window on the corpus. */
export interface CorpusReport {
  pieces: number;
  notes: number;
  /** Total length of all pieces in seconds. */
  seconds: Seconds;
  keys: Tally[];
  modes: Tally[];
  meters: Tally[];
  tempos: { min: number; median: number; max: number };
  /** Chords by roman numeral (key-relative, what the chord model learns), with symbol counts. */
  chords: { romans: Tally[]; symbols: Tally[]; labelled: number };
  /** Duration-weighted share of each pitch class relative to each piece's tonic (index 0 = tonic). */
  degreeHistogram: number[];
  /** Duration-weighted share of each absolute pitch class (index 0 = C). */
  pitchClassHistogram: number[];
  sources: Tally[];
  licences: Tally[];
  warnings: string[];
}

/** Options of {@link reportCorpus}. */
export interface ReportOptions {
  /** Length of a piece in seconds (default: its end at its single tempo). */
  secondsOf: (piece: CorpusPiece) => Seconds;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function tally(values: readonly string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count, share: values.length ? round4(count / values.length) : 0 }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The last tick of a piece (a loop: a piece may hold hundreds of thousands of notes). */
function end(p: CorpusPiece): number {
  let last = 0;
  for (const t of p.tracks) for (const n of t.notes) last = Math.max(last, n.tick + n.duration);
  for (const c of p.chords ?? []) last = Math.max(last, c.tick + c.duration);
  return last;
}

/**
 * Summarises a corpus and warns where it is unbalanced: one key or mode over 80 %, one meter over
 * 90 %, fewer than 10 pieces, pieces without melody or without chords, unknown licences.
 */
export function reportCorpus(pieces: readonly CorpusPiece[], options: Partial<ReportOptions> = {}): CorpusReport {
  const secondsOf = options.secondsOf ?? ((p: CorpusPiece) => (end(p) / PPQ) * (60 / p.tempo));
  const pcs = new Array(12).fill(0);
  const degrees = new Array(12).fill(0);
  let notes = 0;
  const romans: string[] = [];
  const symbols: string[] = [];
  for (const p of pieces) {
    const tonic = tonicPitchClass(p.key);
    for (const t of p.tracks) {
      if (t.role === 'drums') continue;
      for (const n of t.notes) {
        notes++;
        pcs[n.pitch % 12] += n.duration;
        if (tonic >= 0) degrees[(n.pitch - tonic + 120) % 12] += n.duration;
      }
    }
    for (const c of p.chords ?? []) {
      symbols.push(c.symbol);
      const roman = romanOf(c.symbol, p.key);
      if (roman) romans.push(roman);
    }
  }
  const normalise = (h: number[]) => {
    const total = h.reduce((a, b) => a + b, 0);
    return h.map((v) => (total ? round4(v / total) : 0));
  };
  const tempos = pieces.map((p) => p.tempo).sort((a, b) => a - b);
  const report: CorpusReport = {
    pieces: pieces.length,
    notes,
    seconds: Math.round(pieces.reduce((s, p) => s + secondsOf(p), 0) * 1000) / 1000,
    keys: tally(pieces.map((p) => `${p.key} ${p.mode}`)),
    modes: tally(pieces.map((p) => p.mode)),
    meters: tally(pieces.map((p) => `${p.meter[0]}/${p.meter[1]}`)),
    tempos: tempos.length
      ? { min: tempos[0], median: tempos[Math.floor(tempos.length / 2)], max: tempos[tempos.length - 1] }
      : { min: 0, median: 0, max: 0 },
    chords: {
      romans: tally(romans),
      symbols: tally(symbols),
      labelled: pieces.filter((p) => (p.chords ?? []).length > 0).length,
    },
    degreeHistogram: normalise(degrees),
    pitchClassHistogram: normalise(pcs),
    sources: tally(pieces.map((p) => p.source)),
    licences: tally(pieces.map((p) => p.licence)),
    warnings: [],
  };
  report.warnings = warningsOf(report, pieces);
  return report;
}

function warningsOf(r: CorpusReport, pieces: readonly CorpusPiece[]): string[] {
  const w: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (r.pieces === 0) w.push('no piece imported: nothing for a model to learn from');
  else if (r.pieces < 10)
    w.push(
      `only ${r.pieces} piece${r.pieces === 1 ? '' : 's'}: fewer than 10 gives the models little to learn from and much to copy`,
    );
  if (r.pieces >= 2 && r.keys[0] && r.keys[0].share > 0.8)
    w.push(`unbalanced keys: ${pct(r.keys[0].share)} of the pieces are in ${r.keys[0].value}`);
  if (r.pieces >= 2 && r.modes[0] && r.modes[0].share > 0.8)
    w.push(`unbalanced modes: ${pct(r.modes[0].share)} of the pieces are ${r.modes[0].value}`);
  if (r.pieces >= 10 && r.meters[0] && r.meters[0].share > 0.9)
    w.push(`one meter: ${pct(r.meters[0].share)} of the pieces are in ${r.meters[0].value}`);
  const noMelody = pieces.filter((p) => !p.tracks.some((t) => t.role === 'melody' && t.notes.length > 0)).length;
  if (noMelody)
    w.push(
      `${noMelody} piece${noMelody === 1 ? ' has' : 's have'} no melody track: the melody model cannot learn from ${noMelody === 1 ? 'it' : 'them'}`,
    );
  const noChords = r.pieces - r.chords.labelled;
  if (noChords)
    w.push(
      `${noChords} piece${noChords === 1 ? ' has' : 's have'} no chords: the chord model cannot learn from ${noChords === 1 ? 'it' : 'them'}`,
    );
  const unknown = r.licences.find((l) => l.value === 'unknown');
  if (unknown) w.push(`${unknown.count} piece${unknown.count === 1 ? ' has' : 's have'} an unknown licence`);
  return w;
}
