import { barTicks, beatTicks, createRng, type Rng, type Ticks } from '../core';
import { chordOfRoman, chordPitchClasses, type Note } from '../corpus';
import {
  type Cadence,
  generateHarmonyPhrase,
  generateMelodyPhrase,
  type HarmonyChord,
  isDominantChord,
  isTonicChord,
  type MelodyCadence,
  type MelodyContext,
  type MuseModel,
  TWELFTHS_PER_BAR,
} from '../model';
import type { PartId } from './edits';
import { planForm } from './form';
import { applyGroove } from './groove';
import { accent } from './notes';
import type { ComposeOptions } from './options';
import type { ChordSpan, Piece } from './piece';
import { rearrange, spliceChords, spliceNotes } from './rearrange';
import { pickIndices, variedCount, varyAccompaniment } from './vary';

/** What to compose again: bars [from, to) (0-based) of the parts named. */
export interface RegenerateRequest {
  from: number;
  to: number;
  parts: readonly PartId[];
  seed: number;
  /** 0: the same; small: the rhythm and contour kept, a few notes (chords) changed; 1: anything the model allows. */
  variation: number;
}

/** A stretch of the selection inside one phrase of the form (bars from the piece start). */
export interface Segment {
  start: number;
  bars: number;
  /** Bars from the start of its phrase (the harmony model's position in the phrase). */
  offset: number;
  /** The phrase's cadence when the segment reaches the phrase end, else 'none'. */
  cadence: Cadence;
  /** The intro has harmony only. */
  intro: boolean;
}

/** The selection cut at the phrase boundaries of the form. */
export function segmentsOf(o: ComposeOptions, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const plan of planForm(o.form, o.bars, o.phraseBars, o.sectionBars)) {
    for (const p of plan.phrases) {
      const start = Math.max(from, at);
      const end = Math.min(to, at + p.bars);
      if (end > start)
        out.push({
          start,
          bars: end - start,
          offset: start - at,
          cadence: end === at + p.bars ? p.cadence : 'none',
          intro: plan.label === 'intro',
        });
      at += p.bars;
    }
  }
  return out;
}

const twelfthsOf = (ticks: Ticks, bar: Ticks) => Math.round((ticks * TWELFTHS_PER_BAR) / bar);

/** The harmony tokens ("V7|6") of the chords before `at`, the last 16. */
export function tokensBefore(chords: readonly ChordSpan[], at: Ticks, bar: Ticks): string[] {
  return chords
    .filter((c) => c.tick < at)
    .map((c) => `${c.roman}|${Math.max(1, twelfthsOf(Math.min(c.duration, at - c.tick), bar))}`)
    .slice(-16);
}

/** The chords of [from, to) as the melody model reads them (cut at both ends), starts in twelfths from `from`. */
export function chordsIn(chords: readonly ChordSpan[], from: Ticks, to: Ticks, bar: Ticks) {
  return chords
    .filter((c) => c.tick < to && c.tick + c.duration > from)
    .map((c) => {
      const tick = Math.max(c.tick, from);
      const end = Math.min(c.tick + c.duration, to);
      return { roman: c.roman, twelfths: twelfthsOf(end - tick, bar), start: twelfthsOf(tick - from, bar) };
    });
}

/** Pitch classes of a roman numeral in a key, remembered. */
function tonesOf(key: string): (roman: string) => readonly number[] {
  const cache = new Map<string, readonly number[]>();
  return (roman) => {
    let tones = cache.get(roman);
    if (!tones) {
      tones = chordPitchClasses(chordOfRoman(roman, key));
      cache.set(roman, tones);
    }
    return tones;
  };
}

/**
 * Whether a chord fits the melody it would sound under: at least half of the melody's weight in its
 * span (length, doubled on downbeats) on its chord tones. Where the melody stays, new chords must
 * fit it.
 */
function fitsMelody(melody: readonly Note[], from: Ticks, bar: Ticks, key: string) {
  const tones = tonesOf(key);
  return (at: number, chord: HarmonyChord): boolean => {
    const start = from + (at * bar) / TWELFTHS_PER_BAR;
    const end = start + (chord.twelfths * bar) / TWELFTHS_PER_BAR;
    const pcs = tones(chord.roman);
    let on = 0;
    let all = 0;
    for (const n of melody) {
      if (n.tick >= end || n.tick + n.duration <= start) continue;
      const w = Math.min(n.tick + n.duration, end) - Math.max(n.tick, start);
      const weight = (n.tick - start) % bar === 0 ? 2 * w : w;
      all += weight;
      if (pcs.includes(((n.pitch % 12) + 12) % 12)) on += weight;
    }
    return all === 0 || on * 2 >= all;
  };
}

const tonicRoman = (mode: string) => (['minor', 'dorian', 'phrygian', 'locrian'].includes(mode) ? 'Im' : 'I');

/** Below this Variation the rhythm is kept and only some pitches (chords) change. */
const KEEP_RHYTHM_BELOW = 0.5;

/** New chords for one segment, joined to the chords before it (context) and, where given, fitting the melody. */
function segmentHarmony(
  model: MuseModel,
  o: ComposeOptions,
  piece: Piece,
  seg: Segment,
  v: number,
  keepMelody: boolean,
  rng: Rng,
): ChordSpan[] | undefined {
  const bar = barTicks(o.meter);
  const from = seg.start * bar;
  const to = from + seg.bars * bar;
  const old = chordsIn(piece.chords, from, to, bar);
  const fixed: { at: number; roman: string }[] = [];
  if (v < KEEP_RHYTHM_BELOW) {
    // Bounded distance: the chord rhythm stays, all but a share of the chords stay.
    const changed = pickIndices(old.length, variedCount(old.length, v), rng);
    old.forEach((c, i) => {
      if (!changed.has(i)) fixed.push({ at: c.start, roman: c.roman });
    });
  }
  const melody = piece.tracks.find((t) => t.id === 'melody')?.notes ?? [];
  const fit = keepMelody ? fitsMelody(melody, from, bar, o.key) : undefined;
  const base = {
    bars: seg.bars,
    mode: o.mode,
    startBar: seg.offset,
    context: tokensBefore(piece.chords, from, bar),
    startOnTonic: seg.start === 0,
    temperature: o.temperature,
  };
  // Loosened one step at a time: the joins and the cadence are kept as long as the model allows.
  const attempts = [
    { cadence: seg.cadence, fixed, allowed: fit },
    { cadence: seg.cadence, fixed: [], allowed: fit },
    { cadence: seg.cadence, fixed: [], allowed: undefined },
    { cadence: 'none' as const, fixed: [], allowed: undefined },
  ];
  const goal = seg.cadence === 'authentic' ? isTonicChord : seg.cadence === 'half' ? isDominantChord : undefined;
  for (const a of attempts) {
    const r = generateHarmonyPhrase(model, { ...base, ...a }, rng);
    if (!r.ok) continue;
    return r.value.chords.map((c, i, all) => {
      // A model that knows no such ending: the last chord is plainly the cadence's goal, as in composing.
      const plain = i === all.length - 1 && goal && !goal(c.roman, o.mode);
      const roman = plain ? (seg.cadence === 'half' ? 'V' : tonicRoman(o.mode)) : c.roman;
      return {
        tick: from + (c.start * bar) / TWELFTHS_PER_BAR,
        duration: (c.twelfths * bar) / TWELFTHS_PER_BAR,
        symbol: chordOfRoman(roman, o.key),
        roman,
      };
    });
  }
  return undefined;
}

/** The melody's last notes before `at` as a model context. */
function melodyContext(notes: readonly Note[], at: Ticks): MelodyContext {
  const unit = 40;
  const before = notes.filter((n) => n.tick < at).slice(-8);
  return {
    notes: before.map((n) => ({ pitch: n.pitch, units: Math.max(1, Math.round(n.duration / unit)) })),
    rhythm: before.map((n) => String(Math.max(1, Math.round(n.duration / unit)))),
  };
}

const melodyCadence = (c: Cadence): MelodyCadence =>
  c === 'authentic' ? 'tonic' : c === 'half' ? 'chord-tone' : 'none';

/**
 * New melody for one segment over the piece's chords: the first note within `leap` semitones of the
 * note before, the last within `leap` of the note after (when the selection ends there), the
 * phrase's cadence where the segment reaches it. Below {@link KEEP_RHYTHM_BELOW}, the rhythm stays
 * and only a share of the notes move, each by a bounded step in the same direction as before.
 */
function segmentMelody(
  model: MuseModel,
  o: ComposeOptions,
  piece: Piece,
  seg: Segment,
  v: number,
  next: Note | undefined,
  rng: Rng,
): Note[] | undefined {
  const bar = barTicks(o.meter);
  const from = seg.start * bar;
  const to = from + seg.bars * bar;
  const melody = piece.tracks.find((t) => t.id === 'melody')?.notes ?? [];
  const before = melody.filter((n) => n.tick < from).at(-1);
  const old = melody.filter((n) => n.tick >= from && n.tick < to);
  const keepRhythm = v < KEEP_RHYTHM_BELOW && old.length > 0;
  const changed = keepRhythm
    ? pickIndices(old.length - (seg.cadence === 'none' ? 0 : 1), Math.max(1, Math.round(old.length * 2 * v)), rng)
    : new Set<number>();
  const step = 2 + Math.round(10 * v);
  // A changed note moves by at most `step`, keeping the direction from the note before and to the
  // note after (where those were not repeats); the others keep their pitch.
  const varied =
    (contour: boolean) =>
    (i: number, pitch: number): boolean => {
      const was = old[i].pitch;
      if (!changed.has(i)) return pitch === was;
      if (pitch === was || Math.abs(pitch - was) > step) return false;
      if (!contour) return true;
      const prev = i > 0 ? old[i - 1].pitch : before?.pitch;
      const after = old[i + 1]?.pitch ?? next?.pitch;
      const same = (a: number, b: number) => a === 0 || Math.sign(a) === Math.sign(b);
      return (
        (prev === undefined || same(was - prev, pitch - prev)) &&
        (after === undefined || same(after - was, after - pitch))
      );
    };
  const joined = (leap: number) => (note: { index: number; last: boolean }, pitch: number) =>
    (note.index > 0 || !before || Math.abs(pitch - before.pitch) <= leap) &&
    (!note.last || !next || Math.abs(pitch - next.pitch) <= leap);
  const request = {
    bars: seg.bars,
    meter: o.meter,
    key: o.key,
    mode: o.mode,
    chords: chordsIn(piece.chords, from, to, bar),
    low: o.melody.low,
    high: o.melody.high,
    context: melodyContext(melody, from),
    temperature: o.temperature,
  };
  const beat = beatTicks(o.meter);
  if (keepRhythm) {
    const rhythm = old.map((n) => ({ tick: n.tick - from, duration: Math.min(n.duration, to - n.tick) }));
    for (const contour of [true, false]) {
      const allowed = (n: { index: number }, p: number) => varied(contour)(n.index, p);
      const r = generateMelodyPhrase(model, { ...request, cadence: 'none', rhythm, allowed }, rng);
      // The notes keep their onsets, lengths and velocities as played: only pitches change.
      if (r.ok) return old.map((n, i) => ({ ...n, pitch: r.value.notes[i]?.pitch ?? n.pitch }));
    }
    return undefined; // no note could move within the bound: the selection stays as it was
  }
  const cadence = melodyCadence(seg.cadence);
  const endings: MelodyCadence[] = cadence === 'tonic' ? ['tonic', 'chord-tone', 'none'] : [cadence, 'none'];
  for (const leap of [7, 12, 127])
    for (const ending of endings) {
      const r = generateMelodyPhrase(model, { ...request, cadence: ending, allowed: joined(leap) }, rng);
      if (!r.ok) continue;
      const notes = r.value.notes.map((n) => ({
        pitch: n.pitch,
        tick: from + n.tick,
        duration: n.duration,
        velocity: accent(o.melody.velocity, n.tick, bar, beat),
      }));
      const last = notes.at(-1);
      // The cadence note rings to the phrase end (or a beat before it, to breathe), as composed.
      const until = to - (seg.cadence === 'authentic' || seg.cadence === 'none' ? 0 : beat);
      if (last && seg.cadence !== 'none' && last.tick + last.duration < until) last.duration = until - last.tick;
      return applyGroove(notes, o.groove, to, rng.fork('groove'));
    }
  return undefined;
}

/**
 * Composes bars [from, to) of the parts named again and joins them to what surrounds them: the
 * harmony continues from the chords before (and fits the melody where the melody stays), the melody
 * starts and ends within a leap of the notes on either side, each phrase end in the selection keeps
 * its cadence, and the chords, bass and drums are arranged again over the span. Everything outside
 * the selection, and every part not named, stays note for note. Seeded: the same request on the same
 * piece gives the same result.
 *
 * @example
 * const edited = regenerate(piece, model, options, { from: 4, to: 8, parts: ['melody'], seed: 9, variation: 1 });
 */
export function regenerate(piece: Piece, model: MuseModel, o: ComposeOptions, request: RegenerateRequest): Piece {
  const from = Math.max(0, Math.min(piece.bars, Math.floor(request.from)));
  const to = Math.max(from, Math.min(piece.bars, Math.floor(request.to)));
  const v = Math.max(0, Math.min(1, request.variation));
  if (to <= from || v === 0 || request.parts.length === 0) return piece;
  const bar = barTicks(o.meter);
  const rng = createRng(request.seed);
  const parts = new Set(request.parts);
  const segments = segmentsOf(o, from, to);
  let out = piece;
  if (parts.has('chords')) {
    for (const [i, seg] of segments.entries()) {
      const chords = segmentHarmony(model, o, out, seg, v, !parts.has('melody'), rng.fork(`harmony ${i}`));
      if (chords)
        out = { ...out, chords: spliceChords(out.chords, chords, seg.start * bar, (seg.start + seg.bars) * bar) };
    }
  }
  if (parts.has('melody')) {
    const after = piece.tracks.find((t) => t.id === 'melody')?.notes.find((n) => n.tick >= to * bar);
    for (const [i, seg] of segments.entries()) {
      if (seg.intro) continue;
      const next = i === segments.length - 1 ? after : undefined;
      const notes = segmentMelody(model, o, out, seg, v, next, rng.fork(`melody ${i}`));
      if (!notes) continue;
      out = {
        ...out,
        tracks: out.tracks.map((t) =>
          t.id === 'melody'
            ? { ...t, notes: spliceNotes(t.notes, notes, seg.start * bar, (seg.start + seg.bars) * bar) }
            : t,
        ),
      };
    }
  }
  // The harmony changed: the chords part follows it (drawn from the piece's own arranging); the
  // bass and drums named are drawn anew from the request's seed — or, below KEEP_RHYTHM_BELOW,
  // varied: their rhythm kept, a share of their notes changed by a bounded step (vary.ts).
  const accompaniment = request.parts.filter((p) => p !== 'melody');
  if (v >= KEEP_RHYTHM_BELOW) return rearrange(out, o, request.seed, from * bar, to * bar, accompaniment);
  const voiced = rearrange(
    out,
    o,
    request.seed,
    from * bar,
    to * bar,
    accompaniment.filter((p) => p === 'chords'),
  );
  return varyAccompaniment(voiced, piece.chords, o, { from: from * bar, to: to * bar }, parts, v, rng);
}
