import { type Rng, runSteps, type Steps, type Ticks } from '../core';
import { chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import { comp, type HarmonyEvent } from './accompaniment';
import { bassLine } from './bass';
import { drumPart } from './drums';
import { fourPartSteps } from './fourPart';
import { applyGroove } from './groove';
import { hear } from './listen';
import type { ComposeOptions } from './options';
import type { ChordSpan, Piece, PieceTrack, Section } from './piece';
import { remember } from './remember';
import { withBass } from './slashChords';

/** Pitch classes of chord symbols, kept across pieces. */
const pitchClasses = new Map<string, readonly number[]>();

/**
 * The parts over the harmony and the melody, as an arranger writes them listening to the tune:
 * the bass and the chords part (or, for four-part writing, alto, tenor and bass under the melody as
 * soprano), the drums; then seeded humanization and the groove. The chord symbols name the bass
 * where the chord stands on another tone than its root ("C/E"). `longest`: the longest the style
 * holds a chord (ticks); four-part writing moves the bass of a chord struck again past it. Its
 * randomness comes from forks of `rng` only, so a piece's seed arranges it again exactly.
 */
export function arrange(
  o: ComposeOptions,
  rng: Rng,
  chords: ChordSpan[],
  melody: Note[],
  sections: Section[],
  end: Ticks,
  longest?: Ticks,
): Piece {
  return runSteps(arrangeSteps(o, rng, chords, melody, sections, end, longest));
}

/** {@link arrange} a step at a time (four-part writing a few chords per step: fourPartSteps). */
export function* arrangeSteps(
  o: ComposeOptions,
  rng: Rng,
  chords: ChordSpan[],
  melody: Note[],
  sections: Section[],
  end: Ticks,
  longest?: Ticks,
): Steps<Piece> {
  const harmony: HarmonyEvent[] = chords.map((c) => ({
    tick: c.tick,
    duration: c.duration,
    pitchClasses: [...remember(pitchClasses, c.symbol, () => chordPitchClasses(c.symbol))],
  }));
  const tonic = Math.max(0, tonicPitchClass(o.key));
  const scale = scaleSteps(o.mode).map((s) => (tonic + s) % 12);
  const ear = hear(melody, o.meter);
  const humanRng = rng.fork('humanize');
  const grooveRng = rng.fork('groove');
  const track = (
    id: string,
    part: { name: string; program: number },
    role: PieceTrack['role'],
    channel: number,
    notes: Note[],
  ): PieceTrack => ({
    id,
    name: part.name,
    role,
    channel,
    program: part.program,
    notes: applyGroove(
      humanize(sortNotes(notes), o.humanizeVelocity, humanRng.fork(id)),
      o.groove,
      end,
      grooveRng.fork(id),
    ),
  });
  const tracks = [track('melody', o.melody, 'melody', 0, melody)];
  let bass: Note[];
  let symbols = chords;
  if (o.chords.voicing === 'four-part') {
    const parts = yield* fourPartSteps(harmony, chords, {
      ear,
      meter: o.meter,
      tonic,
      phraseBars: o.phraseBars,
      longest,
      alto: o.chords,
      tenor: o.chords,
      bass: o.bass,
    });
    bass = parts.bass;
    symbols = parts.chords;
    tracks.push(
      track('alto', { name: 'Alto', program: o.chords.program }, 'chords', 1, parts.alto),
      track('tenor', { name: 'Tenor', program: o.chords.program }, 'chords', 3, parts.tenor),
    );
  } else {
    bass = sortNotes(bassLine(harmony, o.meter, o.bass.pattern, o.bass, scale, rng.fork('bass'), ear));
    const style = o.chords.voicing ?? 'close';
    tracks.push(
      track(
        'chords',
        o.chords,
        'chords',
        1,
        comp(harmony, o.meter, o.chords.pattern, o.chords, { ear, bass, style, tonic }),
      ),
    );
    symbols = withBass(chords, bass);
  }
  tracks.push(track('bass', o.bass, 'bass', 2, bass));
  if (o.drums) {
    const drums = drumPart(o.drums.style, o.meter, sections, o.drums.velocity, o.drums.fills, rng.fork('drums'));
    tracks.push(track('drums', o.drums, 'drums', 9, drums));
  }
  return {
    title: o.title,
    ppq: 480,
    tempo: o.tempo,
    meter: o.meter,
    key: o.key,
    mode: o.mode,
    bars: o.bars,
    tracks,
    chords: symbols,
    sections,
  };
}

function sortNotes(notes: Note[]): Note[] {
  return notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/** Moves each velocity by a seeded amount within ± `amount`, kept in 1–127. */
function humanize(notes: Note[], amount: number, rng: Rng): Note[] {
  if (amount <= 0) return notes;
  return notes.map((n) => ({
    pitch: n.pitch,
    tick: n.tick,
    duration: n.duration,
    velocity: Math.min(127, Math.max(1, n.velocity + rng.int(2 * amount + 1) - amount)),
  }));
}
