import { OfflineContext } from 'tone/build/esm/core/context/OfflineContext';
import { connectSeries } from 'tone/build/esm/core/context/ToneAudioNode';
import type { Piece } from '../../compose';
import type { Seconds } from '../../core';
import { type EffectSpec, fullOptions, longestRing, releaseSeconds } from '../catalogue';
import { alignLfos, makeEffect } from '../effects/factory';
import { SoundGraph } from '../graph/graph';
import { isAudible, type MixerState } from '../graph/mixer';
import { FADE } from '../instruments/envelope';
import type { SampleLibraries } from '../instruments/samples';
import { primeToneNoise, seededRandom } from '../instruments/seededNoise';
import { type NoteEvent, type Timeline, tickSeconds, timelineOf } from '../play/timeline';
import { chainTail, resolveSound, type SoundSetup, type SoundSpec, splitMaster, tailSeconds } from '../sound';
import { loadWorklets } from '../worklets/load';
import { needsWorklets } from './needs';

/** How to render. */
export interface RenderOptions {
  sampleRate: number;
  /** Seconds of notes per chunk: each chunk is one small OfflineAudioContext. */
  chunkSeconds: Seconds;
  /** Chunks rendering at once (the browser renders each context on its own thread). */
  parallel: number;
  mixer: MixerState;
  /** Decoded sample libraries, for Sampler parts (see loadLibraries). */
  libraries?: SampleLibraries;
  /** Stops the render between chunks; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** After each chunk: chunks done and in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Chunks in flight: one per core but one (the main thread joins them), at least two, at most four. */
const PARALLEL = Math.min(4, Math.max(2, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

export const RENDER_DEFAULTS: RenderOptions = { sampleRate: 44_100, chunkSeconds: 8, parallel: PARALLEL, mixer: {} };

/**
 * Seconds of the mix the master chain hears before each block it renders, at least: a
 * compressor's state is then what it would be had it heard everything before. A chain with a
 * tail (a reverb, an echo) hears its whole tail before the block: what came earlier has died away
 * below −60 dB by then.
 */
export const PREROLL: Seconds = 1;

/** Chunks of the joined mix that the master's non-linear end renders at once. */
const REST_CHUNKS = 4;

/** The last `p.length` frames of `p` followed by `block`. */
function joinTail(p: Float32Array, block: Float32Array): Float32Array {
  const out = new Float32Array(p.length);
  const fromBlock = Math.min(block.length, p.length);
  out.set(p.subarray(p.length - (p.length - fromBlock)), 0);
  out.set(block.subarray(block.length - fromBlock), p.length - fromBlock);
  return out;
}

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
  /** Main-thread milliseconds building the chunks' graphs, and joining them and running the master's end. */
  buildMs: number;
  mixMs: number;
  /** Samples over full scale (±1) in the result, before the WAV clamps them. */
  clipped: number;
}

/** Length of the render of `piece`: the piece and its tail, in seconds. */
export function renderSeconds(piece: Piece, sound: SoundSpec): Seconds {
  const setup = resolveSound(piece, sound);
  return timelineOf(piece).length * tickSeconds(piece.tempo) + tailSeconds(setup);
}

const midiToHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/** Renders one chunk's notes (times relative to `origin`) through the graph, up to the master's linear end. */
async function renderChunk(
  setup: SoundSetup,
  linear: EffectSpec[],
  events: readonly NoteEvent[],
  perTick: Seconds,
  origin: Seconds,
  minFrames: number,
  options: RenderOptions,
  worklets: { ours: boolean; tone: boolean },
): Promise<AudioBuffer> {
  const tails = setup.tracks.map((t) => chainTail(t.effects, setup.tempo) + chainTail(linear, setup.tempo));
  let end = 0;
  for (const e of events)
    end = Math.max(
      end,
      (e.tick + e.duration) * perTick +
        releaseSeconds(setup.tracks[e.track].voice, e.pitch) +
        tails[e.track] +
        2 * FADE,
    );
  const frames = Math.max(minFrames, Math.ceil((end - origin) * options.sampleRate) + 128);
  const ctx = new OfflineAudioContext(2, frames, options.sampleRate);
  const context = new OfflineContext(ctx);
  if (worklets.ours || worklets.tone) await loadWorklets(context, worklets);
  // Tone's noise (a pluck's burst) is drawn from a seeded generator: renders repeat exactly.
  const seeded = seededRandom(`chunk:${origin}`);
  const graph = seeded(() => {
    const g = new SoundGraph(context, setup, {
      mixer: options.mixer,
      libraries: options.libraries,
      masterEffects: linear,
    });
    g.connectTo(ctx.destination);
    g.startAt(origin);
    return g;
  });
  // Notes are handed to the instruments just in time, a step at a time while the context renders
  // (it suspends at each step): a note's source nodes then exist only from a little before it
  // starts, where all of them made at once would each be processed, silent, every block until
  // their start — the cost that made long chunks dear. The samples are the same as handing every
  // note over first: a note comes at least `lead` early — longer than any envelope stage of the
  // piece's voices — so when it cuts a voice's note short (a steal, a choke), the ramp it cancels
  // has not begun in the browser yet (a ramp cancelled midway would sound otherwise).
  const starts = events.map((e) => Math.max(0, e.tick * perTick - origin));
  let next = 0;
  const trigger = (until: Seconds) =>
    seeded(() => {
      for (; next < events.length && starts[next] < until; next++) {
        const e = events[next];
        const start = starts[next];
        const off = Math.max(start, (e.tick + e.duration) * perTick - origin);
        graph.strips[e.track].instrument.triggerAttackRelease(midiToHz(e.pitch), off - start, start, e.velocity / 127);
      }
    });
  const step = stepFrames(options.sampleRate) / options.sampleRate;
  const lead = step + longestStage(setup);
  trigger(lead);
  // Tone's worklet nodes (BitCrusher, the comb filters of PluckSynth's voices, made as notes come)
  // join the graph when their module has loaded, a promise later: let that happen before rendering.
  if (worklets.tone) await settleWorklets(context);
  for (let k = 1; k * step < frames / options.sampleRate && k * step <= (starts.at(-1) ?? 0); k++) {
    const at = k * step;
    ctx.suspend(at).then(async () => {
      // What has rung out goes: the nodes of finished notes, stock voices silent since.
      for (const s of graph.strips) (s.instrument as { sweep?: (now: Seconds) => void }).sweep?.(at);
      trigger(at + lead);
      if (worklets.tone) await settleWorklets(context);
      await ctx.resume();
    });
  }
  try {
    return await ctx.startRendering();
  } finally {
    graph.dispose();
    void context.dispose();
  }
}

/**
 * The longest any envelope stage (attack, decay, release, a drum's ring) of the voices of `setup`
 * lasts: how early a render hands a note over (see renderChunk).
 */
export function longestStage(setup: SoundSetup): Seconds {
  let longest = 0;
  const visit = (o: unknown, depth: number) => {
    if (!o || typeof o !== 'object' || depth > 3) return;
    for (const [key, value] of Object.entries(o)) {
      if (/^(attack|decay|release)$/.test(key) && typeof value === 'number') longest = Math.max(longest, value);
      else visit(value, depth + 1);
    }
  };
  for (const t of setup.tracks) {
    longest = Math.max(longest, longestRing(t.voice));
    visit(fullOptions(t.voice), 0);
  }
  return longest;
}

/** Seconds of notes handed over at each suspension of a chunk's render, in whole 128-frame blocks (about 1 s). */
export const STEP_SECONDS: Seconds = 1;
const stepFrames = (sampleRate: number) => Math.max(1, Math.round((STEP_SECONDS * sampleRate) / 128)) * 128;

/**
 * Runs the master's chain over `block`, after hearing the `preroll` before it; `origin` is where the
 * context's time 0 (the preroll's start) falls on the piece's clock, for the chain's LFOs.
 */
async function renderRest(
  rest: EffectSpec[],
  setup: SoundSetup,
  preroll: Float32Array[],
  block: Float32Array[],
  frames: number,
  sampleRate: number,
  worklets: { ours: boolean; tone: boolean },
  origin: Seconds,
): Promise<Float32Array[]> {
  const before = preroll[0].length;
  const ctx = new OfflineAudioContext(2, before + frames, sampleRate);
  const context = new OfflineContext(ctx);
  if (worklets.ours || worklets.tone) await loadWorklets(context, worklets);
  const input = ctx.createBuffer(2, before + frames, sampleRate);
  for (let c = 0; c < 2; c++) {
    input.copyToChannel(preroll[c] as Float32Array<ArrayBuffer>, c, 0);
    input.copyToChannel(block[c].subarray(0, frames) as Float32Array<ArrayBuffer>, c, before);
  }
  const source = ctx.createBufferSource();
  source.buffer = input;
  const effects = rest.map((e) => makeEffect(e, context, setup.tempo));
  for (const e of effects) alignLfos(e, origin);
  connectSeries(source, ...(effects as never[]), ctx.destination);
  if (worklets.tone) await settleWorklets(context);
  source.start(0);
  const out = await ctx.startRendering();
  for (const e of effects) e.dispose();
  void context.dispose();
  return [out.getChannelData(0).slice(before), out.getChannelData(1).slice(before)];
}

/** Waits until Tone's worklet nodes made in `context` are connected. */
async function settleWorklets(context: OfflineContext): Promise<void> {
  await (context as unknown as { workletsAreReady(): Promise<void> }).workletsAreReady();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Groups the audible events by the chunk their note starts in. */
function chunkEvents(timeline: Timeline, setup: SoundSetup, mixer: MixerState, chunkTicks: number, count: number) {
  const ids = setup.tracks.map((t) => t.id);
  const audible = ids.map((id) => isAudible(mixer, id, ids));
  const chunks: NoteEvent[][] = Array.from({ length: count }, () => []);
  for (const e of timeline.events)
    if (audible[e.track]) chunks[Math.min(count - 1, Math.floor(e.tick / chunkTicks))].push(e);
  return chunks;
}

/**
 * Renders `piece` offline with the same Tone.js graph as live playback, chunk by chunk: each
 * chunk's notes play through their own copy of the tracks' graph (instruments, effects, faders,
 * pans, the master's volume) in a small OfflineAudioContext that renders on until their tails have
 * died, its notes handed over just in time as it renders, so the cost per second stays flat however
 * long the piece; the chunks' audio is overlap-added — exact, the graph being linear so far — and
 * the master's chain (a reverb, a compressor, the limiter: the same Tone nodes) runs over the
 * joined mix, block by block, each after hearing what came before it for a second or for the
 * chain's tail, whichever is longer. Deterministic: two renders give the same samples.
 */
export async function renderPiece(
  piece: Piece,
  sound: SoundSpec,
  sink: AudioSink,
  options: Partial<RenderOptions> = {},
): Promise<RenderResult> {
  const o: RenderOptions = { ...RENDER_DEFAULTS, ...options };
  const sr = o.sampleRate;
  primeToneNoise();
  const setup = resolveSound(piece, sound);
  // The chunks render the tracks up to the master's volume; the master's effects run over the
  // joined mix, a block of several chunks at a time: once, where in every chunk they would also
  // render that chunk's tail — a reverb's seconds after each 8 s of notes — in a context each.
  const rest = setup.master.effects;
  const linear: EffectSpec[] = [];
  const prerollSeconds = Math.max(PREROLL, chainTail(splitMaster(rest).linear, setup.tempo));
  const worklets = needsWorklets({ ...setup, master: { ...setup.master, effects: [] } });
  const timeline = timelineOf(piece);
  const perTick = tickSeconds(piece.tempo);
  const pieceSeconds = timeline.length * perTick;
  const totalFrames = Math.ceil((pieceSeconds + tailSeconds(setup)) * sr);
  // Whole render quanta: a note then sits at the same place in its 128-frame block whatever the
  // chunking, and Chrome's audio-rate frequency modulation (FM) depends on that place.
  const chunkFrames = Math.max(1, Math.round((o.chunkSeconds * sr) / 128)) * 128;
  const chunkTicks = chunkFrames / sr / perTick;
  const count = Math.max(1, Math.ceil((pieceSeconds * sr) / chunkFrames));
  const perChunk = chunkEvents(timeline, setup, o.mixer, chunkTicks, count);

  let acc = [new Float32Array(chunkFrames * 2), new Float32Array(chunkFrames * 2)];
  let accFrames = 0; // frames of `acc` holding audio, from the current chunk's start
  const chunkMs: number[] = [];
  const chunkEndMs: number[] = [];
  const began = performance.now();
  let rendered = 0;
  let buildMs = 0;
  let mixMs = 0;
  let written = 0;
  let clipped = 0;

  const deliver = (left: Float32Array, right: Float32Array, frames: number) => {
    const n = Math.min(frames, totalFrames - written);
    for (let i = 0; i < n; i++) if (Math.abs(left[i]) > 1 || Math.abs(right[i]) > 1) clipped++;
    if (n > 0) sink(left, right, n);
    written += Math.max(0, n);
  };
  // The master's non-linear end runs over blocks of the joined mix, several chunks long (its
  // pre-roll costs less the longer they are), while the next chunks render.
  const restWorklets = needsWorklets({ ...setup, tracks: [], master: { ...setup.master, effects: rest } });
  const restBlock = REST_CHUNKS * chunkFrames;
  const mix = [new Float32Array(restBlock), new Float32Array(restBlock)];
  let mixFrames = 0;
  let blockStart = 0; // frame of the piece where the next block of the mix begins
  let preroll: Float32Array[] = [
    new Float32Array(Math.round(prerollSeconds * sr)),
    new Float32Array(Math.round(prerollSeconds * sr)),
  ];
  let delivered: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const flush = async (all: boolean) => {
    while (mixFrames > 0 && (all || mixFrames >= restBlock)) {
      const n = Math.min(restBlock, mixFrames);
      const block = [mix[0].slice(0, n), mix[1].slice(0, n)];
      for (const m of mix) m.copyWithin(0, n, mixFrames);
      mixFrames -= n;
      const rendering = renderRest(rest, setup, preroll, block, n, sr, restWorklets, blockStart / sr - prerollSeconds);
      blockStart += n;
      preroll = preroll.map((p, c) => joinTail(p, block[c]));
      inFlight++;
      delivered = delivered.then(async () => {
        const [left, right] = await rendering;
        inFlight--;
        deliver(left, right, n);
      });
      if (inFlight >= 2 || all) await delivered;
    }
  };
  /** Hands on `frames` final frames of `acc` (through the rest of the master chain, if any). */
  const emit = async (frames: number) => {
    if (frames <= 0) return;
    if (rest.length === 0) {
      deliver(acc[0], acc[1], frames);
      return;
    }
    mix[0].set(acc[0].subarray(0, frames), mixFrames);
    mix[1].set(acc[1].subarray(0, frames), mixFrames);
    mixFrames += frames;
    await flush(false);
  };

  const start = (k: number) => {
    const t0 = performance.now();
    if (perChunk[k].length === 0) return Promise.resolve({ buffer: undefined, ms: 0 });
    const origin = (k * chunkFrames) / sr;
    const rendering = renderChunk(setup, linear, perChunk[k], perTick, origin, chunkFrames, o, worklets);
    buildMs += performance.now() - t0;
    const p = rendering.then((buffer) => ({ buffer, ms: performance.now() - t0 }));
    p.catch(() => {}); // awaited in order below; a chunk left behind by a cancel must not report an error
    return p;
  };
  const pending: ReturnType<typeof start>[] = [];
  const cancelled = () => new DOMException('The render was cancelled.', 'AbortError');
  const aborted = () => {
    if (o.signal?.aborted) throw cancelled();
  };
  // A cancel answers at once, not when the chunk in hand is done.
  const abort = new Promise<never>((_, reject) =>
    o.signal?.addEventListener('abort', () => reject(cancelled()), { once: true }),
  );
  abort.catch(() => {});
  for (let k = 0; k < count; k++) {
    while (pending.length < o.parallel && k + pending.length < count) pending.push(start(k + pending.length));
    aborted();
    const { buffer, ms } = await Promise.race([pending.shift()!, abort]);
    aborted();
    chunkMs.push(ms);
    const m0 = performance.now();
    if (buffer) {
      rendered++;
      if (buffer.length > acc[0].length)
        acc = acc.map((a) => {
          const b = new Float32Array(buffer.length * 2);
          b.set(a.subarray(0, accFrames));
          return b;
        });
      for (let c = 0; c < 2; c++) {
        const data = buffer.getChannelData(c);
        const a = acc[c];
        for (let i = 0; i < data.length; i++) a[i] += data[i];
      }
      accFrames = Math.max(accFrames, buffer.length);
    }
    // The first chunkFrames frames are final now: no later chunk starts before them.
    await emit(Math.min(chunkFrames, totalFrames - k * chunkFrames));
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
  // The tail after the last chunk.
  let emitted = count * chunkFrames;
  while (emitted < totalFrames) {
    const n = Math.min(totalFrames - emitted, chunkFrames);
    await emit(n);
    emitted += n;
    for (const a of acc) {
      a.copyWithin(0, n);
      a.fill(0, a.length - n);
    }
  }
  await flush(true);
  await delivered;
  mixMs += performance.now() - m0;
  return {
    frames: written,
    sampleRate: sr,
    chunks: count,
    renderedChunks: rendered,
    chunkMs,
    chunkEndMs,
    buildMs,
    mixMs,
    clipped,
  };
}
