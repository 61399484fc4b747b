/**
 * Pieces for the engine's tests and benchmarks: a tiny hand-made piece with melody, chords, bass and
 * drums (independent of the composer, so it never changes under the tests), a drum part to add to a
 * composed piece, and long pieces of a given length. Plain data, built in Node and sent to the page.
 */
import { composeEndless, type Piece, type PieceTrack, pieceTicks } from '../../../src/compose';
import { barTicks, PPQ } from '../../../src/core';
import type { Note } from '../../../src/corpus';
import type { EffectSpec, SoundSpec } from '../../../src/engine/sound';
import { builtinCorpus, composeOptions, findPreset, generate, modelFor, presetSound } from '../../../src/presets';

const n = (pitch: number, tick: number, duration: number, velocity = 90): Note => ({ pitch, tick, duration, velocity });

/** A drum part over `bars` bars of 4/4 (or any meter): kick, snare, hats, open hat, crash, toms, ride. */
export function drumPattern(bars: number, meter: readonly [number, number] = [4, 4]): Note[] {
  const bar = barTicks(meter);
  const eighth = PPQ / 2;
  const notes: Note[] = [];
  for (let b = 0; b < bars; b++) {
    const at = b * bar;
    const fill = b % 4 === 3;
    if (b % 8 === 0) notes.push(n(49, at, PPQ, 100)); // crash
    for (let t = 0; t < bar; t += eighth) {
      const beat = t / PPQ;
      if (t % PPQ === 0 && beat % 2 === 0) notes.push(n(36, at + t, eighth, 112)); // kick on 1 and 3
      if (t % PPQ === 0 && beat % 2 === 1) notes.push(n(38, at + t, eighth, 100)); // snare on 2 and 4
      if (fill && t >= bar - 2 * PPQ) {
        notes.push(n([50, 48, 45, 43][Math.floor((t - (bar - 2 * PPQ)) / eighth) % 4], at + t, eighth, 96));
        continue;
      }
      const open = b % 2 === 1 && t === bar - eighth;
      notes.push(n(open ? 46 : b % 8 >= 4 ? 51 : 42, at + t, eighth, t % PPQ === 0 ? 84 : 66)); // hats or ride
    }
  }
  return notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/** The drums track of a piece: id "drums", role drums, channel 10 (9 from 0). */
export function drumsTrack(notes: Note[]): PieceTrack {
  return { id: 'drums', name: 'Drums', role: 'drums', channel: 9, program: 0, notes };
}

/** `piece` with a drums track (replacing any it has), so it has four tracks. */
export function withDrums(piece: Piece): Piece {
  const tracks = piece.tracks.filter((t) => t.role !== 'drums');
  return { ...piece, tracks: [...tracks, drumsTrack(drumPattern(piece.bars, piece.meter))] };
}

/** Four bars at 120 bpm: a melody, three-note chords, a bass, drums — about 8 s plus the tail. */
export function tinyPiece(): Piece {
  const bar = barTicks([4, 4]);
  const melody = [72, 74, 76, 77, 79, 77, 76, 74, 72, 76, 79, 84, 83, 79, 76, 72].map((p, i) =>
    n(p, i * PPQ, PPQ - 40, 80 + (i % 4) * 8),
  );
  const harmony = [
    [60, 64, 67],
    [57, 60, 65],
    [59, 62, 67],
    [60, 64, 67],
  ];
  const chords = harmony.flatMap((c, b) => c.map((p) => n(p, b * bar, bar - 60, 64))).sort((a, b) => a.tick - b.tick);
  const bass = [36, 41, 43, 36].flatMap((p, b) => [
    n(p, b * bar, PPQ * 2 - 30, 96),
    n(p + 7, b * bar + PPQ * 2, PPQ * 2 - 30, 88),
  ]);
  const piece: Piece = {
    title: 'engine test piece',
    ppq: PPQ,
    tempo: 120,
    meter: [4, 4],
    key: 'C',
    mode: 'major',
    bars: 4,
    tracks: [
      { id: 'melody', name: 'Lead', role: 'melody', channel: 0, program: 73, notes: melody },
      { id: 'chords', name: 'Pad', role: 'chords', channel: 1, program: 0, notes: chords },
      { id: 'bass', name: 'Bass', role: 'bass', channel: 2, program: 32, notes: bass },
      drumsTrack(drumPattern(4)),
    ],
    chords: harmony.map((_, b) => ({ tick: b * bar, duration: bar, symbol: ['C', 'F', 'G', 'C'][b], roman: 'I' })),
    sections: [{ label: 'A', tick: 0, bars: 4 }],
  };
  return piece;
}

/** Sound for the tiny piece: a fat-saw lead, an AM square pad, an FM bass, the kit, some room. */
export function tinyOptions(): SoundSpec {
  const room = (wet: number): EffectSpec => ({ effect: 'LightReverb', options: { wet } });
  return {
    parts: {
      melody: {
        voice: {
          instrument: 'LightSynth',
          options: {
            volume: -16,
            maxPolyphony: 6,
            oscillator: { type: 'fatsawtooth', count: 2, spread: 14 },
            envelope: { attack: 0.02, decay: 0.15, sustain: 0.5, release: 0.2 },
            filter: { harmonics: 7, Q: 0.9, velocity: 0.4 },
          },
        },
        effects: [{ effect: 'FeedbackDelay', options: { delayTime: '8n.', feedback: 0.3, wet: 0.15 } }, room(0.25)],
      },
      chords: {
        voice: {
          instrument: 'LightSynth',
          options: {
            volume: -24,
            maxPolyphony: 12,
            oscillator: { type: 'amsquare', harmonicity: 2, modulationType: 'sine' },
            envelope: { attack: 0.01, decay: 0.3, sustain: 0.4, release: 0.4 },
            filter: { harmonics: 5, Q: 0.75, velocity: 0.5 },
          },
        },
        effects: [room(0.25)],
      },
      bass: {
        voice: {
          instrument: 'LightFMSynth',
          options: {
            volume: 0,
            maxPolyphony: 4,
            envelope: { attack: 0.005, decay: 0.2, sustain: 0.4, release: 0.2 },
            harmonicity: 3,
            modulationIndex: 9.5,
            modulation: { type: 'sine' },
            modulationEnvelope: { attack: 0.001, decay: 0.2, sustain: 0.27, release: 0.2 },
            filter: { harmonics: 4, Q: 0.8, velocity: 0.3 },
          },
        },
      },
      drums: { voice: { instrument: 'DrumKit', options: { volume: -9 } }, effects: [room(0.1)] },
    },
    master: { effects: [{ effect: 'Limiter', options: { threshold: -1 } }], volume: -2 },
  };
}

/**
 * A four-track piece of about `seconds` seconds from a preset (with drums added), and its engine
 * options: the benchmark's 30 s, 3 min and 6 min pieces.
 */
export function pieceOfSeconds(
  seconds: number,
  presetName = 'folk-dance',
  seed = 1,
): { piece: Piece; options: SoundSpec } {
  const preset = findPreset(presetName);
  if (!preset) throw new Error(`no preset ${presetName}`);
  const barSeconds = (barTicks(preset.meter) / PPQ) * (60 / preset.tempo);
  const bars = Math.max(4, Math.min(512, Math.round(seconds / barSeconds)));
  const g = generate({ preset: presetName, seed, bars, tempo: preset.tempo });
  if (!g.ok) throw new Error(g.error.message);
  return { piece: withDrums(g.value.piece), options: presetSound(preset) };
}

/** Seconds of a piece at its tempo. */
export function pieceSeconds(piece: Piece): number {
  return (pieceTicks(piece) / PPQ) * (60 / piece.tempo);
}

/**
 * `piece` played `times` times in a row, as one piece (each copy's notes shifted by its length):
 * a long piece for the soak test.
 */
export function repeatPiece(piece: Piece, times: number): Piece {
  const length = pieceTicks(piece);
  return {
    ...piece,
    bars: piece.bars * times,
    tracks: piece.tracks.map((t) => ({
      ...t,
      notes: Array.from({ length: times }, (_, k) => t.notes.map((x) => ({ ...x, tick: x.tick + k * length }))).flat(),
    })),
    chords: Array.from({ length: times }, (_, k) =>
      piece.chords.map((c) => ({ ...c, tick: c.tick + k * length })),
    ).flat(),
    sections: Array.from({ length: times }, (_, k) =>
      piece.sections.map((s) => ({ ...s, tick: s.tick + k * length })),
    ).flat(),
  };
}

/**
 * At least `seconds` of endless-mode music from a preset — the composer's sections one after the
 * other, as endless playback gets them — joined into one piece (with drums added): the soak test's
 * half hour.
 */
export function endlessPiece(
  seconds: number,
  presetName = 'folk-dance',
  seed = 7,
): { piece: Piece; options: SoundSpec } {
  const preset = findPreset(presetName);
  const corpus = preset && builtinCorpus(preset.corpus);
  if (!preset || !corpus) throw new Error(`no preset ${presetName}`);
  const endless = composeEndless(modelFor(corpus, preset), composeOptions(preset, { preset: presetName, seed }), seed);
  const sections: Piece[] = [];
  let total = 0;
  while (total < seconds) {
    const section = endless.next();
    sections.push(section);
    total += pieceSeconds(section);
  }
  const first = sections[0];
  let offset = 0;
  const tracks = new Map<string, PieceTrack>();
  const chords: Piece['chords'] = [];
  const labels: Piece['sections'] = [];
  let bars = 0;
  for (const section of sections) {
    for (const t of section.tracks) {
      const track = tracks.get(t.id) ?? { ...t, notes: [] };
      for (const x of t.notes) track.notes.push({ ...x, tick: x.tick + offset });
      tracks.set(t.id, track);
    }
    for (const c of section.chords) chords.push({ ...c, tick: c.tick + offset });
    for (const l of section.sections) labels.push({ ...l, tick: l.tick + offset });
    offset += pieceTicks(section);
    bars += section.bars;
  }
  const piece: Piece = { ...first, bars, tracks: [...tracks.values()], chords, sections: labels };
  return { piece: withDrums(piece), options: presetSound(preset) };
}
