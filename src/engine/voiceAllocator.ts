import type { MidiPitch, Ticks } from '../core';

/** What the allocator needs to know of a note. */
export interface PlannedNote {
  tick: Ticks;
  duration: Ticks;
  pitch: MidiPitch;
}

/** Where a note sounds: its voice, and the tick at which a later note takes that voice from it, if one does. */
export interface VoicePlan {
  /** Voice index, 0 ≤ voice < polyphony. */
  voice: number;
  /** Tick at which the note fades out early: its voice was stolen, or its choke group was struck again. */
  cut?: Ticks;
  /** Whether this note takes a voice that is still sounding (its start waits for the fade of the other). */
  steals: boolean;
}

export interface AllocatorOptions {
  /** Most notes sounding at once. */
  polyphony: number;
  /** How long a note rings after its note-off, in ticks. */
  releaseTicks: (note: PlannedNote) => Ticks;
  /** Notes of one group silence each other (an open hi-hat is cut by the closed one). */
  chokeGroup?: (pitch: MidiPitch) => number | undefined;
  /**
   * Voices still ringing when the notes begin (the end of the section before, in endless
   * playback): taken only when no other voice is free, and never cut in the plan — the player cuts
   * them when the new note comes.
   */
  busy?: readonly BusyVoice[];
}

/** A voice that still sounds a note from before: until `end` (ticks in the notes' frame). */
export interface BusyVoice {
  voice: number;
  end: Ticks;
  pitch: MidiPitch;
}

interface Voice {
  note: number;
  start: Ticks;
  end: Ticks;
  pitch: MidiPitch;
}

/**
 * Assigns the notes of one track (sorted by tick) to at most `polyphony` voices and never drops a
 * note: a note takes a free voice (the lowest-numbered, so few voices stay warm), or the voice
 * already playing its pitch, or else the voice of the oldest sounding note, which is then cut. The
 * plan is made once per piece, so live playback and the offline render make the same choices.
 *
 * @example
 * planVoices([{ tick: 0, duration: 480, pitch: 60 }, { tick: 0, duration: 480, pitch: 64 }],
 *   { polyphony: 1, releaseTicks: () => 0 }); // => [{ voice: 0, cut: 0, steals: false }, { voice: 0, steals: true }]
 */
export function planVoices(notes: readonly PlannedNote[], options: AllocatorOptions): VoicePlan[] {
  const polyphony = Math.max(1, Math.floor(options.polyphony));
  const voices: (Voice | undefined)[] = new Array(polyphony).fill(undefined);
  // A note from before has no place in this plan (note -1): cutting it only ends it here.
  for (const b of options.busy ?? [])
    if (b.voice < polyphony && b.end > 0) voices[b.voice] = { note: -1, start: -1, end: b.end, pitch: b.pitch };
  const plan: VoicePlan[] = [];
  /** Cuts the note on voice `v` at `tick`; the voice is then fading, free once the fade is over. */
  const cut = (v: number, tick: Ticks) => {
    const occupant = voices[v]!;
    const p = plan[occupant.note];
    if (p) p.cut = Math.min(p.cut ?? Number.POSITIVE_INFINITY, tick);
    occupant.end = tick;
  };
  const fadingAt = (v: Voice | undefined, t: Ticks) => v !== undefined && plan[v.note]?.cut === t;
  notes.forEach((note, i) => {
    const t = note.tick;
    const sounding = (v: Voice | undefined): v is Voice => v !== undefined && v.end > t;
    const group = options.chokeGroup?.(note.pitch);
    if (group !== undefined)
      voices.forEach((v, k) => {
        if (sounding(v) && options.chokeGroup?.(v.pitch) === group) cut(k, t);
      });
    let choice = voices.findIndex((v) => sounding(v) && v.pitch === note.pitch);
    if (choice >= 0) cut(choice, t);
    else choice = voices.findIndex((v) => !sounding(v) && !fadingAt(v, t));
    if (choice < 0) choice = voices.findIndex((v) => !sounding(v));
    if (choice < 0) {
      choice = 0;
      for (let k = 1; k < polyphony; k++) if (voices[k]!.start < voices[choice]!.start) choice = k;
      cut(choice, t);
    }
    const steals = fadingAt(voices[choice], t);
    voices[choice] = { note: i, start: t, end: t + note.duration + options.releaseTicks(note), pitch: note.pitch };
    plan.push({ voice: choice, steals });
  });
  return plan;
}
