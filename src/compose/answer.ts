import { barTicks, beatTicks, createRng, maxOf, minOf, type Ticks } from '../core';
import { chordPitchClasses, type Note } from '../corpus';
import type { MuseModel } from '../model';
import { generateMelodyPhrase, type MelodyContext } from '../model';
import { accent, nearestOf } from './notes';
import type { ComposeOptions } from './options';
import type { Piece } from './piece';
import { chordsIn } from './regenerate';

/** What the model answers: a call (notes played, piece ticks), and when and how long the answer is. */
export interface AnswerRequest {
  call: readonly Note[];
  /** The beat the answer starts on (piece ticks). */
  due: Ticks;
  /** Bars of answer. */
  bars: number;
  seed: number;
}

/**
 * The earliest beat an answer may start on: a beat after the call's last note ends (the silence
 * that says the call is over), on the beat grid.
 */
export function answerBeat(call: readonly Note[], meter: Piece['meter']): Ticks {
  const beat = beatTicks(meter);
  const end = maxOf(
    call.map((n) => n.tick + n.duration),
    0,
  );
  return Math.ceil((end + beat) / beat) * beat;
}

/**
 * The model's answer to a played phrase (call and response, after Pachet's Continuator): a melody
 * in the piece's key and meter over the piece's chords, continuing from the call (its notes are the
 * model's context), its first note on the due beat on a tone of the chord there near where the call
 * ended, ending on the tonic, in the melody's range. Notes in piece ticks; none when the piece ends first.
 */
export function answerPhrase(piece: Piece, model: MuseModel, o: ComposeOptions, request: AnswerRequest): Note[] {
  const bar = barTicks(piece.meter);
  const end = Math.min(piece.bars * bar, request.due + request.bars * bar);
  if (request.call.length === 0 || request.due >= end) return [];
  const start = Math.floor(request.due / bar) * bar;
  const bars = Math.ceil((end - start) / bar);
  const unit = 40;
  const call = [...request.call].sort((a, b) => a.tick - b.tick).slice(-16);
  const context: MelodyContext = {
    notes: call.map((n) => ({ pitch: n.pitch, units: Math.max(1, Math.round(n.duration / unit)) })),
    rhythm: call.map((n) => String(Math.max(1, Math.round(n.duration / unit)))),
  };
  const chord = piece.chords.find((c) => request.due >= c.tick && request.due < c.tick + c.duration);
  const last = call[call.length - 1].pitch;
  const low = Math.min(o.melody.low, minOf(call.map((n) => n.pitch)));
  const high = Math.max(o.melody.high, maxOf(call.map((n) => n.pitch)));
  const first = nearestOf(chord ? chordPitchClasses(chord.symbol) : [last % 12], last, low, high);
  const rng = createRng(request.seed);
  const beat = beatTicks(piece.meter);
  for (const cadence of ['tonic', 'chord-tone', 'none'] as const) {
    const r = generateMelodyPhrase(
      model,
      {
        bars,
        meter: piece.meter,
        key: piece.key,
        mode: piece.mode,
        chords: chordsIn(piece.chords, start, start + bars * bar, bar),
        low,
        high,
        cadence,
        context,
        temperature: o.temperature,
        fixed: [{ tick: request.due - start, pitch: first }],
      },
      rng,
    );
    if (!r.ok) continue;
    return r.value.notes
      .map((n) => ({ ...n, tick: start + n.tick }))
      .filter((n) => n.tick >= request.due && n.tick < end)
      .map((n) => ({
        pitch: n.pitch,
        tick: n.tick,
        duration: Math.min(n.duration, end - n.tick),
        velocity: accent(o.melody.velocity, n.tick, bar, beat),
      }));
  }
  return [
    { pitch: first, tick: request.due, duration: Math.min(beat, end - request.due), velocity: o.melody.velocity },
  ];
}
