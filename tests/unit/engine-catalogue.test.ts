/**
 * The catalogue of instruments and effects (pure data the schema and the editor are built from)
 * against Tone.js itself: every stock option it lists exists in Tone with the same default, and
 * every option Tone has is listed (except the few a preset has no business setting).
 */
import { describe, expect, it } from 'vitest';
import { EFFECTS, INSTRUMENTS, type OptionGroup } from '../../src/engine/catalogue';

/** Options of Tone's that presets do not set: plumbing, callbacks, the sampler's files, autostarts. */
const LEFT_OUT = new Set(['context', 'onsilence', 'urls', 'baseUrl', 'loop', 'loopStart', 'loopEnd', 'autostart']);
/** Options of ours, not Tone's: polyphony per track, the sampler's library. */
const OURS = new Set(['maxPolyphony', 'samples']);
/** Tone's oscillator inside MonoSynth/DuoSynth also lists frequency and detune, which the note sets. */
const NOTE_SET = new Set(['frequency', 'detune']);

async function toneDefaults(name: string): Promise<Record<string, unknown>> {
  const where: Record<string, string> = {
    EQ3: 'component/filter/EQ3',
    Compressor: 'component/dynamics/Compressor',
    Limiter: 'component/dynamics/Limiter',
    Filter: 'component/filter/Filter',
  };
  const path = where[name] ?? (name in INSTRUMENTS ? `instrument/${name}` : `effect/${name}`);
  const mod = (await import(/* @vite-ignore */ `tone/build/esm/${path}.js`)) as Record<
    string,
    { getDefaults(): Record<string, unknown> }
  >;
  return mod[name].getDefaults();
}

/** Differences between the catalogue's group and Tone's defaults, as dotted paths. */
function compare(ours: OptionGroup, tone: Record<string, unknown>, path: string, oscillator = false): string[] {
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(ours)) {
    if (OURS.has(key)) continue;
    const at = `${path}.${key}`;
    if (!(key in tone)) {
      problems.push(`${at}: not a Tone option`);
      continue;
    }
    if (spec.kind === 'group')
      problems.push(
        ...compare(
          spec.options,
          tone[key] as Record<string, unknown>,
          at,
          key === 'oscillator' || key === 'modulation',
        ),
      );
    else if (
      JSON.stringify(spec.default) !== JSON.stringify(tone[key]) &&
      !(key === 'Q' && Math.abs((tone[key] as number) - (spec.default as number)) < 1e-9)
    )
      problems.push(`${at}: default ${JSON.stringify(spec.default)}, Tone's ${JSON.stringify(tone[key])}`);
  }
  for (const key of Object.keys(tone))
    if (!(key in ours) && !LEFT_OUT.has(key) && !(oscillator && NOTE_SET.has(key)) && typeof tone[key] !== 'function')
      problems.push(`${path}.${key}: Tone option missing from the catalogue`);
  return problems;
}

const STOCK_INSTRUMENTS = Object.keys(INSTRUMENTS).filter(
  (n) => !['LightSynth', 'LightFMSynth', 'DrumKit'].includes(n),
);
const STOCK_EFFECTS = Object.keys(EFFECTS).filter((n) => n !== 'LightReverb');

describe('the catalogue of instruments and effects, against Tone.js', () => {
  it.each(STOCK_INSTRUMENTS)('lists every option of %s with Tone’s own default', async (name) => {
    const ours = INSTRUMENTS[name as keyof typeof INSTRUMENTS] as OptionGroup;
    expect(compare(ours, await toneDefaults(name), name)).toEqual([]);
  });

  it.each(STOCK_EFFECTS)('lists every option of %s with Tone’s own default', async (name) => {
    const ours = EFFECTS[name as keyof typeof EFFECTS] as OptionGroup;
    expect(compare(ours, await toneDefaults(name), name)).toEqual([]);
  });

  it('lists the options of our own instruments with their defaults', async () => {
    const { LightSynth, LightFMSynth, DrumKit } = await import('../../src/engine/instruments');
    for (const [name, cls] of Object.entries({ LightSynth, LightFMSynth, DrumKit })) {
      const ours = INSTRUMENTS[name as 'LightSynth'] as OptionGroup;
      expect(compare(ours, cls.getDefaults() as unknown as Record<string, unknown>, name)).toEqual([]);
    }
  });

  it('a changed default is caught (negative control)', async () => {
    const wrong: OptionGroup = { ...EFFECTS.Chorus, depth: { kind: 'number', default: 0.5, min: 0, max: 1 } };
    expect(compare(wrong, await toneDefaults('Chorus'), 'Chorus')).toEqual(["Chorus.depth: default 0.5, Tone's 0.7"]);
    const { frequency: _, ...missing } = EFFECTS.Chorus;
    expect(compare(missing, await toneDefaults('Chorus'), 'Chorus')).toEqual([
      'Chorus.frequency: Tone option missing from the catalogue',
    ]);
  });
});
