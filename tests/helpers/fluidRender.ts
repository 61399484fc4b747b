import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The General MIDI sound font the checks use, and fluidsynth's gain for them. */
export const SOUND_FONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
export const FLUID_GAIN = '0.5';
/** Debian's fluidsynth (by its path: a PATH lookup from vitest's workers can fail with ELOOP). */
const FLUIDSYNTH = existsSync('/usr/bin/fluidsynth') ? '/usr/bin/fluidsynth' : 'fluidsynth';

/** Whether fluidsynth and the FluidR3 GM font are here. In CI they must be (a missing one fails there). */
export function fluidsynthAvailable(): boolean {
  const ok = existsSync(SOUND_FONT) && spawnSync(FLUIDSYNTH, ['--version'], { encoding: 'utf8' }).status === 0;
  if (ok) return true;
  const hint = 'fluidsynth and FluidR3 GM are needed (apt-get install fluidsynth fluid-soundfont-gm).';
  if (process.env.CI) throw new Error(`Required in CI: ${hint}`);
  console.warn(`Skipping fluidsynth renders. ${hint}`);
  return false;
}

/** Renders `mid` to `wav` (44.1 kHz, 16-bit stereo) with fluidsynth at gain 0.5, as midi-check does. */
export function fluidRender(mid: string, wav: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(FLUIDSYNTH, ['-ni', '-g', FLUID_GAIN, '-F', wav, '-r', '44100', SOUND_FONT, mid], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`fluidsynth ${mid}: ${code} ${err.slice(-300)}`)),
    );
  });
}

/** What a render measures: peak (dBFS), clipped samples, and the gated loudness (dBFS). */
export interface Levels {
  peakDb: number;
  clipped: number;
  /** Gated mean power, as in ITU-R BS.1770 without its K-weighting: 400 ms blocks every 100 ms,
   *  blocks below −70 dBFS left out, then those 10 dB below the mean of the rest. */
  loudnessDb: number;
}

/** Measures a 16-bit PCM WAV file (fluidsynth's output). Independent of the exporter's own estimate. */
export function wavLevels(wav: string): Levels {
  const bytes = readFileSync(wav);
  let at = 12;
  let data: Buffer | undefined;
  let channels = 2;
  let rate = 44_100;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      channels = bytes.readUInt16LE(at + 10);
      rate = bytes.readUInt32LE(at + 12);
    }
    if (id === 'data') data = bytes.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  if (!data) throw new Error(`${wav}: no data chunk`);
  const samples = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
  let peak = 0;
  let clipped = 0;
  for (const s of samples) {
    const a = Math.abs(s);
    if (a > peak) peak = a;
    if (a >= 32767) clipped++;
  }
  const frames = Math.floor(samples.length / channels);
  const block = Math.round(0.4 * rate);
  const hop = Math.round(0.1 * rate);
  const powers: number[] = [];
  for (let f = 0; f + block <= frames; f += hop) {
    let e = 0;
    for (let i = f * channels; i < (f + block) * channels; i++) e += (samples[i] / 32768) ** 2;
    powers.push(e / (block * channels));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const loud = powers.filter((p) => p > 1e-7);
  const gated = loud.filter((p) => p > mean(loud) / 10);
  return {
    peakDb: 20 * Math.log10(Math.max(1, peak) / 32768),
    clipped,
    loudnessDb: 10 * Math.log10(mean(gated) || 1e-12),
  };
}
