import type { EffectSpec, InstrumentSpec } from '../engine/catalogue';

/**
 * Presets written before the engine spoke Tone.js named each part's sound `synth` (`{type, oscillator,
 * attack, decay, sustain, release, volume}`) and the whole preset's room `reverb` (0–1). They
 * still load: {@link migratePreset} rewrites them in Tone.js's terms and says what it did.
 */

/** An old part voice. */
interface OldSynth {
  type: 'synth' | 'fm' | 'am';
  oscillator: string;
  attack: number;
  decay: number;
  sustain: number;
  release: number;
  volume: number;
}

/** What the old engine added to a part's voice by its role: filter, detune of `fat` shapes, voices. */
const ROLE_TONE = {
  melody: { harmonics: 7, Q: 0.9, velocity: 0.4, spread: 14, polyphony: 6 },
  chords: { harmonics: 5, Q: 0.75, velocity: 0.5, spread: 12, polyphony: 12 },
  bass: { harmonics: 4, Q: 0.8, velocity: 0.3, spread: 8, polyphony: 4 },
} as const;

/** The old echo and chorus sends of each role. */
const ROLE_SENDS = {
  melody: { delay: 0.16, chorus: 0 },
  chords: { delay: 0, chorus: 0.45 },
  bass: { delay: 0, chorus: 0 },
  drums: { delay: 0, chorus: 0 },
} as const;

type Role = keyof typeof ROLE_TONE;

/**
 * The instrument of ours that sounds like an old voice: `synth` → LightSynth with the same
 * oscillator (`fat…` as the old two oscillators at the role's spread; `am`/`fm` shapes as Tone's
 * am/fm oscillators with a sine modulator), `am` → an `am…` oscillator, `fm` → LightFMSynth with
 * the old modulation (a sine at three times the pitch, index 3 falling to 0.8 over attack and decay).
 */
export function lightVoiceOf(old: OldSynth, role: Role): InstrumentSpec {
  const t = ROLE_TONE[role];
  const m = /^(fat|am|fm)?(sine|triangle|square|sawtooth|pulse)$/.exec(old.oscillator);
  const prefix = m?.[1];
  const shape = m?.[2] ?? 'sine';
  const oscillator: Record<string, unknown> = { type: old.type === 'am' && !prefix ? `am${shape}` : old.oscillator };
  if (prefix === 'fat') Object.assign(oscillator, { count: 2, spread: t.spread });
  if (prefix === 'am' || old.type === 'am') Object.assign(oscillator, { harmonicity: 2, modulationType: 'sine' });
  if (prefix === 'fm') Object.assign(oscillator, { harmonicity: 1, modulationIndex: 1.5, modulationType: 'sine' });
  if (shape === 'pulse') oscillator.width = 0.6;
  const options: Record<string, unknown> = {
    volume: old.volume,
    maxPolyphony: t.polyphony,
    oscillator,
    envelope: { attack: old.attack, decay: old.decay, sustain: old.sustain, release: old.release },
    filter: { harmonics: t.harmonics, Q: t.Q, velocity: t.velocity },
  };
  if (old.type !== 'fm') return { instrument: 'LightSynth', options };
  return {
    instrument: 'LightFMSynth',
    options: {
      ...options,
      // Tone's FMSynth plays its carrier and modulator at −10 dB: the old level and index 3 → 0.8.
      volume: old.volume + 10,
      harmonicity: 3,
      modulationIndex: 3 * 10 ** (10 / 20),
      modulation: { type: 'sine' },
      modulationEnvelope: { attack: 0.001, decay: old.attack + old.decay, sustain: 0.8 / 3, release: old.release },
    },
  };
}

/** The effects that stand for the old echo and chorus sends of `role`. */
export function oldSendEffects(role: keyof typeof ROLE_SENDS): EffectSpec[] {
  const sends = ROLE_SENDS[role];
  const effects: EffectSpec[] = [];
  if (sends.chorus > 0)
    effects.push({ effect: 'Chorus', options: { frequency: 0.6, delayTime: 14, depth: 0.36, wet: sends.chorus / 2 } });
  if (sends.delay > 0)
    effects.push({ effect: 'FeedbackDelay', options: { delayTime: '8n.', feedback: 0.32, wet: sends.delay } });
  return effects;
}

/**
 * The old engine's master for a preset's `reverb`: one room for the whole mix (the old one sent
 * each part to it, the bass and drums less; a room per part would cost four times as much), then
 * a limiter just under full scale, 2 dB down.
 */
export function oldMaster(reverb: number): { effects: EffectSpec[]; volume: number } {
  const wet = Math.round(Math.min(1, reverb * 0.7) * 100) / 100;
  return {
    effects: [
      ...(wet > 0 ? [{ effect: 'LightReverb', options: { wet } } as EffectSpec] : []),
      { effect: 'Limiter', options: { threshold: -1 } },
    ],
    volume: -2,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `json` is a preset in the format before Tone.js names. */
export function isOldPreset(json: unknown): boolean {
  if (!isObject(json)) return false;
  return (
    ('reverb' in json && !('master' in json)) ||
    ['melody', 'chords', 'bass'].some((p) => isObject(json[p]) && 'synth' in json[p])
  );
}

/**
 * Rewrites a preset of the old format in Tone.js's terms (a fresh copy; anything else is left for
 * the schema to judge): each part's `synth` becomes its `voice` (with the echo and chorus the old
 * engine added), the `reverb` a LightReverb on the master before a limiter. `notes` says what
 * changed, for the user.
 */
export function migratePreset(json: unknown): { json: unknown; notes: string[] } {
  if (!isOldPreset(json)) return { json, notes: [] };
  const out = structuredClone(json) as Record<string, unknown>;
  const notes: string[] = [];
  const reverb = typeof out.reverb === 'number' ? out.reverb : 0;
  for (const role of ['melody', 'chords', 'bass'] as const) {
    const part = out[role];
    if (!isObject(part) || !isObject(part.synth)) continue;
    const { synth, ...rest } = part;
    const voice = lightVoiceOf(synth as unknown as OldSynth, role);
    out[role] = { ...rest, voice, effects: oldSendEffects(role) };
    notes.push(`${role}.synth became ${role}.voice (${voice.instrument})`);
  }
  if (isObject(out.drums) && !('voice' in out.drums))
    out.drums = { ...out.drums, voice: { instrument: 'DrumKit', options: { volume: 5 } } };
  if ('reverb' in out) {
    delete out.reverb;
    out.master ??= oldMaster(reverb);
    notes.push(`reverb ${reverb} became a LightReverb on the master`);
  }
  return { json: out, notes };
}
