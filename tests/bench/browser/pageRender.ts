/**
 * Rendering in the page, for the engine's browser tests and benchmarks: each function here is passed
 * to `page.evaluate`, so it must stand alone (no imports, no outer variables). The page is the built
 * app; its `window.muse.offline()` loads the offline engine.
 */
import type { Piece } from '../../../src/compose';
import type { RenderOptions } from '../../../src/engine/render/render';
import type { SoundSpec } from '../../../src/engine/sound';

/** What {@link renderStats} measures of a render. */
export interface RenderStats {
  frames: number;
  sampleRate: number;
  /** What the engine says the render lasts, in seconds (piece + tail). */
  seconds: number;
  peak: number;
  rms: number;
  nan: number;
  /** FNV-1a of every sample's bits: equal hashes, equal samples. */
  hash: number;
  ms: number;
  chunkMs: number[];
  /** Root mean square per second of audio (to find when a part sounds). */
  rmsPerSecond: number[];
}

export interface RenderArgs {
  piece: Piece;
  options: SoundSpec;
  render?: Partial<Omit<RenderOptions, 'signal' | 'onProgress'>>;
}

/** Renders in the page and returns statistics of the samples (never the samples themselves). */
export async function renderStats(args: RenderArgs): Promise<RenderStats> {
  type Offline = typeof import('../../../src/engine/offline');
  const engine = (await (window as unknown as { muse: { offline(): Promise<Offline> } }).muse.offline()) as Offline;
  let peak = 0;
  let sum = 0;
  let nan = 0;
  let frames = 0;
  let hash = 0x811c9dc5;
  const perSecond: number[] = [];
  let secondSum = 0;
  let secondFrames = 0;
  const libraries = await engine.loadLibraries(engine.libraryIds(args.options));
  const t0 = performance.now();
  const result = await engine.renderPiece(
    args.piece,
    args.options,
    (left, right, n) => {
      const bitsL = new Uint32Array(left.buffer, left.byteOffset, n);
      const bitsR = new Uint32Array(right.buffer, right.byteOffset, n);
      for (let i = 0; i < n; i++) {
        const l = left[i];
        const r = right[i];
        if (Number.isNaN(l) || Number.isNaN(r)) nan++;
        const a = Math.max(Math.abs(l), Math.abs(r));
        if (a > peak) peak = a;
        const e = (l * l + r * r) / 2;
        sum += e;
        secondSum += e;
        hash = Math.imul(hash ^ bitsL[i], 0x01000193) >>> 0;
        hash = Math.imul(hash ^ bitsR[i], 0x01000193) >>> 0;
        if (++secondFrames === 44_100) {
          perSecond.push(Math.sqrt(secondSum / secondFrames));
          secondSum = 0;
          secondFrames = 0;
        }
      }
      frames += n;
    },
    { ...args.render, libraries },
  );
  const ms = performance.now() - t0;
  if (secondFrames > 0) perSecond.push(Math.sqrt(secondSum / secondFrames));
  return {
    frames,
    sampleRate: result.sampleRate,
    seconds: engine.renderSeconds(args.piece, args.options),
    peak,
    rms: Math.sqrt(sum / Math.max(1, frames)),
    nan,
    hash,
    ms,
    chunkMs: result.chunkMs,
    rmsPerSecond: perSecond,
  };
}

/**
 * Renders to a WAV file in the page, as Export WAV does; returns the file's header and size, and
 * the milliseconds the render took (to the Blob, before reading it back).
 */
export async function renderWavInPage(
  args: RenderArgs,
): Promise<{ header: number[]; size: number; frames: number; ms: number; buildMs: number; mixMs: number }> {
  type Offline = typeof import('../../../src/engine/offline');
  const engine = (await (window as unknown as { muse: { offline(): Promise<Offline> } }).muse.offline()) as Offline;
  // The samples of Sampler parts are loaded first, as the page has them before Export WAV.
  const libraries = await engine.loadLibraries(engine.libraryIds(args.options));
  const t0 = performance.now();
  const result = await engine.renderWav(args.piece, args.options, { ...args.render, libraries });
  const ms = performance.now() - t0;
  const bytes = new Uint8Array(await result.blob.slice(0, 44).arrayBuffer());
  return {
    header: [...bytes],
    size: result.blob.size,
    frames: result.frames,
    ms,
    buildMs: result.buildMs,
    mixMs: result.mixMs,
  };
}
