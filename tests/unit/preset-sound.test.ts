/**
 * Presets' sound in Tone.js's terms: the schema takes Tone's instruments and effects with Tone's
 * ranges and refuses the rest naming the field; presets of the old format load converted, with
 * notes; the sample credits reach the provenance; note names of sample files.
 */
import { describe, expect, it } from 'vitest';
import { noteOfFile, PIANO_CREDIT } from '../../src/engine/samples';
import { builtinPresets, findPreset, generate, migratePreset, parsePreset, presetSound } from '../../src/presets';

const ballad = findPreset('pop-ballad')!;
const withMelodyVoice = (voice: unknown) => ({ ...ballad, melody: { ...ballad.melody, voice } });

describe('the sound of a preset in Tone.js terms', () => {
  it('takes every built-in preset, each part with a Tone.js instrument', () => {
    for (const p of builtinPresets()) {
      const sound = presetSound(p);
      for (const part of Object.values(sound.parts)) expect(part.voice.instrument).toMatch(/^[A-Z]\w+$/);
      expect(parsePreset(JSON.parse(JSON.stringify(p))).ok).toBe(true);
    }
  });

  it("refuses an option out of Tone's range, an unknown option, instrument or effect, naming the field", () => {
    const cases: [unknown, RegExp][] = [
      [
        withMelodyVoice({ instrument: 'FMSynth', options: { modulationIndex: 500 } }),
        /melody\.voice\.options\.modulationIndex/,
      ],
      [
        withMelodyVoice({ instrument: 'Synth', options: { envelope: { sustain: 2 } } }),
        /melody\.voice\.options\.envelope\.sustain/,
      ],
      [withMelodyVoice({ instrument: 'FMSynth', options: { wobble: 1 } }), /melody\.voice\.options.*wobble/],
      [withMelodyVoice({ instrument: 'Theremin' }), /unknown instrument; one of .*FMSynth/],
      [{ ...ballad, master: { effects: [{ effect: 'Flanger' }] } }, /master\.effects\.0.*unknown effect/],
      [{ ...ballad, master: { effects: [{ effect: 'FeedbackDelay', options: { delayTime: '7q' } }] } }, /note value/],
      [withMelodyVoice({ instrument: 'Sampler', options: { samples: 'http://example.com/x' } }), /samples/],
    ];
    for (const [json, message] of cases) {
      const parsed = parsePreset(json);
      expect(parsed.ok, String(message)).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(message);
    }
  });

  it('takes note values that follow the tempo, and the sample libraries', () => {
    const echo = { ...ballad, master: { effects: [{ effect: 'PingPongDelay', options: { delayTime: '8n.' } }] } };
    expect(parsePreset(echo).ok).toBe(true);
    expect(parsePreset(withMelodyVoice({ instrument: 'Sampler', options: { samples: 'user:My piano' } })).ok).toBe(
      true,
    );
  });
});

describe('presets of the old format', () => {
  const old = (() => {
    const o: Record<string, unknown> = { ...ballad, reverb: 0.4 };
    delete o.master;
    const synth = { type: 'fm', oscillator: 'sine', attack: 0.01, decay: 0.5, sustain: 0.3, release: 0.8, volume: -12 };
    for (const part of ['melody', 'chords', 'bass'] as const) {
      const { voice: _, effects: __, pan: ___, ...rest } = ballad[part];
      o[part] = {
        ...rest,
        synth: {
          ...synth,
          type: part === 'melody' ? 'fm' : 'synth',
          oscillator: part === 'chords' ? 'fatsawtooth' : 'sine',
        },
      };
    }
    const { voice: _v, effects: _e, ...drums } = ballad.drums!;
    o.drums = drums;
    return o;
  })();

  it('load converted: synth → voice in our light voices, reverb → a LightReverb on the master, with notes', () => {
    const notes: string[] = [];
    const parsed = parsePreset(old, notes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const p = parsed.value;
    expect(p.melody.voice.instrument).toBe('LightFMSynth');
    expect(p.chords.voice).toMatchObject({
      instrument: 'LightSynth',
      options: { oscillator: { type: 'fatsawtooth', count: 2 } },
    });
    expect(p.master.effects.map((e) => e.effect)).toEqual(['LightReverb', 'Limiter']);
    expect(p.melody.effects?.map((e) => e.effect)).toEqual(['FeedbackDelay']);
    expect(p.chords.effects?.map((e) => e.effect)).toEqual(['Chorus']);
    expect(notes).toEqual([
      'melody.synth became melody.voice (LightFMSynth)',
      'chords.synth became chords.voice (LightSynth)',
      'bass.synth became bass.voice (LightSynth)',
      'reverb 0.4 became a LightReverb on the master',
    ]);
  });

  it('leaves a preset of the new format alone (and a half-old one to the schema)', () => {
    expect(migratePreset(ballad).notes).toEqual([]);
    expect(migratePreset(ballad).json).toBe(ballad);
    const mixed = { ...ballad, reverb: 0.3 };
    expect(parsePreset(mixed).ok).toBe(false);
  });
});

describe('samples', () => {
  it('read the note a file name names', () => {
    expect(noteOfFile('C4.wav')).toBe('C4');
    expect(noteOfFile('F#3.mp3')).toBe('F#3');
    expect(noteOfFile('Db2.ogg')).toBe('C#2');
    expect(noteOfFile('Ds4v10.mp3')).toBe('D#4');
    expect(noteOfFile('Piano Eb-1 soft.flac')).toBe('D#-1');
    expect(noteOfFile('bass C2.wav')).toBe('C2');
    for (const bad of ['kick.wav', 'C4.txt', 'C4', 'G12.wav', 'readme.md'])
      expect(noteOfFile(bad), bad).toBeUndefined();
  });

  it('credit the grand piano in the provenance of a preset that plays it', () => {
    const g = generate({ preset: 'minor-nocturne', seed: 1, bars: 4 });
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.provenance.samples).toEqual([PIANO_CREDIT]);
    const dance = generate({ preset: 'folk-dance', seed: 1, bars: 4 });
    if (dance.ok) expect(dance.value.provenance.samples).toBeUndefined();
  });
});
