import { OfflineContext } from 'tone/build/esm/core/context/OfflineContext';
import type { Piece } from '../compose';
import type { Seconds } from '../core';
import { FADE } from './instruments';
import { MixMaster } from './master';
import { isAudible, type MixerState } from './mixer';
import { type EngineOptions, longestRing, resolveSound, type SoundSetup } from './sound';
import { type NoteEvent, releaseOf, type Timeline, tickSeconds, timelineOf } from './timeline';
import { buildTracks, trackMixes } from './trackGraph';

/** How to render. */
export interface RenderOptions {
  sampleRate: number;
  /** Seconds of notes per chunk: each chunk is one small OfflineAudioContext. */
  chunkSeconds: Seconds;
  /** Chunks rendering at once (the browser renders each context on its own thread). */
  parallel: number;
  mixer: MixerState;
  /** Stops the render between chunks; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** After each chunk: chunks done and in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Chunks in flight: one per core but one (the main thread mixes), at least two, at most four. */
const PARALLEL = Math.min(4, Math.max(2, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

export const RENDER_DEFAULTS: RenderOptions = { sampleRate: 44_100, chunkSeconds: 8, parallel: PARALLEL, mixer: {} };

/** Receives the finished stereo audio in order, a block at a time (the arrays are reused: copy what you keep). */
export type AudioSink = (left: Float32Array, right: Float32Array, frames: number) => void;

/** What a render produced. */
export interface RenderResult {
  frames: number;
  sampleRate: number;
  chunks: number;
  /** Chunks that had notes to render (silent stretches cost nothing). */
  renderedChunks: number;
  /** Wall-clock milliseconds from the start of each chunk's render to its audio, in order (empty chunks are 0). */
  chunkMs: number[];
  /** Milliseconds from the start of the render to each chunk's audio being handed on, in order. */
  chunkEndMs: number[];
  /** Main-thread milliseconds: building the chunks' graphs, and mixing and mastering. */
  buildMs: number;
  mixMs: number;
}

/**
 * Seconds after the last bar that a render keeps: the longest release, then the reverb's decay or
 * the echoes' (whichever is longer).
 */
export function tailSeconds(sound: SoundSetup): Seconds {
  let release = 0;
  for (const t of sound.tracks) release = Math.max(release, longestRing(t.instrument));
  const m = sound.master;
  const echoes = m.delay.feedback > 0 ? (m.delayTime * Math.log(1000)) / Math.log(1 / (m.delay.feedback * 0.7)) : 0;
  return release + Math.max(m.reverb.decay, Math.min(echoes, 8));
}

/** Length of the render of `piece`: the piece and its tail, in seconds. */
export function renderSeconds(piece: Piece, options: EngineOptions): Seconds {
  const sound = resolveSound(piece, options);
  return timelineOf(piece).length * tickSeconds(piece.tempo) + tailSeconds(sound);
}

/** When an event sounds, in seconds from the start of the piece (at the piece's tempo). */
function eventTimes(e: NoteEvent, perTick: Seconds) {
  return { start: e.tick * perTick, off: (e.tick + e.duration) * perTick };
}

const midiToHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/** Renders the notes of one chunk (times relative to `origin`) into the bus channels. */
function renderChunk(
  sound: SoundSetup,
  events: readonly NoteEvent[],
  perTick: Seconds,
  origin: Seconds,
  minFrames: number,
  options: RenderOptions,
): Promise<AudioBuffer> {
  let end = 0;
  for (const e of events) {
    const t = eventTimes(e, perTick);
    end = Math.max(end, t.off + releaseOf(sound, e.track, e.pitch) + 2 * FADE);
  }
  const frames = Math.max(minFrames, Math.ceil((end - origin) * options.sampleRate) + 128);
  const channels = Math.max(1, sound.tracks.length);
  const ctx = new OfflineAudioContext(channels, frames, options.sampleRate);
  ctx.destination.channelInterpretation = 'discrete';
  const context = new OfflineContext(ctx);
  const graph = buildTracks(context, sound);
  graph.output.connect(ctx.destination);
  for (const t of graph.tracks) t.instrument.origin = origin;
  for (const e of events) {
    const t = eventTimes(e, perTick);
    // Rounding may put a note a hair before its chunk's origin; a context cannot start before 0.
    const start = Math.max(0, t.start - origin);
    graph.tracks[e.track].instrument.triggerAttackRelease(
      midiToHz(e.pitch),
      Math.max(0, t.off - origin - start),
      start,
      e.velocity / 127,
    );
  }
  return ctx.startRendering().finally(() => {
    graph.dispose();
    void context.dispose();
  });
}

/** Groups the audible events by the chunk their note starts in. */
function chunkEvents(timeline: Timeline, sound: SoundSetup, mixer: MixerState, chunkTicks: number, count: number) {
  const ids = sound.tracks.map((t) => t.id);
  const audible = ids.map((id) => isAudible(mixer, id, ids));
  const chunks: NoteEvent[][] = Array.from({ length: count }, () => []);
  for (const e of timeline.events)
    if (audible[e.track]) chunks[Math.min(count - 1, Math.floor(e.tick / chunkTicks))].push(e);
  return chunks;
}

/**
 * Renders `piece` offline with the instruments of live playback, chunk by chunk: each chunk's notes
 * go into a small OfflineAudioContext (so the cost per second stays flat however long the piece)
 * that renders one mono channel per track; the chunks are overlap-added (a note rings on past its
 * chunk); then the mix and the master bus — the same streaming code as the live AudioWorklet — fade,
 * pan and send each track and add the effects and the limiter, across chunk joins. Everything is
 * deterministic: two renders give the same samples.
 */
export async function renderPiece(
  piece: Piece,
  engineOptions: EngineOptions,
  sink: AudioSink,
  options: Partial<RenderOptions> = {},
): Promise<RenderResult> {
  const o: RenderOptions = { ...RENDER_DEFAULTS, ...options };
  const sr = o.sampleRate;
  const sound = resolveSound(piece, engineOptions);
  const timeline = timelineOf(piece);
  const perTick = tickSeconds(piece.tempo);
  const pieceSeconds = timeline.length * perTick;
  const totalFrames = Math.ceil((pieceSeconds + tailSeconds(sound)) * sr);
  // Whole render quanta: a note then sits at the same place in its 128-frame block whatever the
  // chunking, and Chrome's audio-rate frequency modulation (FM) depends on that place.
  const chunkFrames = Math.max(1, Math.round((o.chunkSeconds * sr) / 128)) * 128;
  const chunkTicks = chunkFrames / sr / perTick;
  const count = Math.max(1, Math.ceil((pieceSeconds * sr) / chunkFrames));
  const perChunk = chunkEvents(timeline, sound, o.mixer, chunkTicks, count);

  const bus = new MixMaster(sr, trackMixes(sound, o.mixer), sound.master);
  const channels = Math.max(1, sound.tracks.length);
  const out = new StereoOut(sink, bus.latency, channels);
  let acc = Array.from({ length: channels }, () => new Float32Array(chunkFrames * 2));
  let accFrames = 0; // frames of `acc` holding audio, from the current chunk's start
  const chunkMs: number[] = [];
  const chunkEndMs: number[] = [];
  const began = performance.now();
  let rendered = 0;
  let buildMs = 0;
  let mixMs = 0;

  const start = (k: number) => {
    const t0 = performance.now();
    if (perChunk[k].length === 0) return Promise.resolve({ buffer: undefined, ms: 0 });
    const origin = (k * chunkFrames) / sr;
    const rendering = renderChunk(sound, perChunk[k], perTick, origin, chunkFrames, o);
    buildMs += performance.now() - t0;
    const p = rendering.then((buffer) => ({
      buffer,
      ms: performance.now() - t0,
    }));
    p.catch(() => {}); // awaited in order below; a chunk left behind by a cancel must not report an error
    return p;
  };
  const pending: ReturnType<typeof start>[] = [];
  for (let k = 0; k < count; k++) {
    while (pending.length < o.parallel && k + pending.length < count) pending.push(start(k + pending.length));
    if (o.signal?.aborted) throw new DOMException('The render was cancelled.', 'AbortError');
    const { buffer, ms } = await pending.shift()!;
    if (o.signal?.aborted) throw new DOMException('The render was cancelled.', 'AbortError');
    chunkMs.push(ms);
    const m0 = performance.now();
    if (buffer) {
      rendered++;
      if (buffer.length > acc[0].length) {
        const grown = acc.map((a) => {
          const b = new Float32Array(buffer.length * 2);
          b.set(a.subarray(0, accFrames));
          return b;
        });
        acc = grown;
      }
      for (let c = 0; c < channels; c++) {
        const data = buffer.getChannelData(c);
        const a = acc[c];
        for (let i = 0; i < data.length; i++) a[i] += data[i];
      }
      accFrames = Math.max(accFrames, buffer.length);
    }
    // The first chunkFrames frames are final now: no later chunk starts before them.
    const final = Math.min(chunkFrames, totalFrames - k * chunkFrames);
    out.write(bus, acc, Math.max(0, final));
    for (const a of acc) {
      a.copyWithin(0, chunkFrames, Math.max(chunkFrames, accFrames));
      a.fill(0, Math.max(0, accFrames - chunkFrames));
    }
    accFrames = Math.max(0, accFrames - chunkFrames);
    mixMs += performance.now() - m0;
    chunkEndMs.push(performance.now() - began);
    o.onProgress?.(k + 1, count);
  }
  const m0 = performance.now();
  // The tail after the last chunk, then the limiter's look-ahead.
  let rest = totalFrames - count * chunkFrames;
  while (rest > 0) {
    const n = Math.min(rest, chunkFrames);
    out.write(bus, acc, n);
    for (const a of acc) {
      a.copyWithin(0, n);
      a.fill(0, a.length - n);
    }
    rest -= n;
  }
  out.flush(bus);
  mixMs += performance.now() - m0;
  return {
    frames: out.frames,
    sampleRate: sr,
    chunks: count,
    renderedChunks: rendered,
    chunkMs,
    chunkEndMs,
    buildMs,
    mixMs,
  };
}

/** Runs the mix and master over track channels and hands the stereo result on, minus the limiter's delay. */
class StereoOut {
  private left = new Float32Array(0);
  private right = new Float32Array(0);
  private skip: number;
  frames = 0;

  constructor(
    private readonly sink: AudioSink,
    private readonly latency: number,
    private readonly channels: number,
  ) {
    this.skip = latency;
  }

  write(bus: MixMaster, channels: Float32Array[], frames: number): void {
    if (frames <= 0) return;
    if (this.left.length < frames) {
      this.left = new Float32Array(frames);
      this.right = new Float32Array(frames);
    }
    bus.process(channels, this.left, this.right, frames);
    const drop = Math.min(this.skip, frames);
    this.skip -= drop;
    if (frames > drop) {
      this.sink(this.left.subarray(drop, frames), this.right.subarray(drop, frames), frames - drop);
      this.frames += frames - drop;
    }
  }

  /** Pushes silence through so the last `latency` frames come out. */
  flush(bus: MixMaster): void {
    const zeros = Array.from({ length: this.channels }, () => new Float32Array(this.latency));
    this.write(bus, zeros, this.latency);
  }
}
