import { type MasterOptions, Reverb, type TrackMix } from './master';
import type { LevelMessage, MasterInit, MasterMessage } from './masterWorklet';
import workletUrl from './masterWorklet.ts?worker&url';
import type { Keep, NodeRegistry } from './registry';

/** The live mix and master bus: takes a channel per track, plays to the speakers. */
export interface LiveMaster {
  /** "worklet" = the offline render's own mix and master code; "fallback" = built-in nodes. */
  kind: 'worklet' | 'fallback';
  /** Takes a new piece's track channels (`keep` holds what is made for this piece). */
  load(tracks: AudioNode, channels: number, init: MasterInit, keep: Keep): void;
  setMix(track: number, mix: TrackMix): void;
  setDelayTime(seconds: number): void;
  /** The output level lately (the worklet measures it; the fallback does not). */
  level(): { peak: number; rms: number } | undefined;
}

/**
 * The mix and master of `ctx`: the MixMaster AudioWorklet — the offline render's own code — where
 * the browser allows worklets (secure contexts); else built-in nodes that come close: a gain and a
 * StereoPanner per track, a convolver playing the same reverb's impulse response, a feedback delay
 * and a compressor as limiter (no chorus).
 */
export async function createLiveMaster(
  ctx: AudioContext,
  init: MasterInit,
  registry: NodeRegistry,
): Promise<LiveMaster> {
  if (ctx.audioWorklet) {
    try {
      await ctx.audioWorklet.addModule(workletUrl);
      const node = registry.add(
        new AudioWorkletNode(ctx, 'muse-master', {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          outputChannelCount: [2],
          channelCount: Math.max(1, init.tracks.length),
          channelCountMode: 'explicit',
          channelInterpretation: 'discrete',
          processorOptions: init,
        }),
      );
      node.connect(ctx.destination);
      const post = (m: MasterMessage) => node.port.postMessage(m);
      let level: LevelMessage | undefined;
      node.port.onmessage = (e: MessageEvent<LevelMessage>) => {
        level = e.data;
      };
      return {
        kind: 'worklet',
        level: () => level && { peak: level.peak, rms: level.rms },
        load: (tracks, channels, i) => {
          node.channelCount = Math.max(1, channels);
          tracks.connect(node);
          post({ type: 'load', init: i });
        },
        setMix: (track, mix) => post({ type: 'mix', track, mix }),
        setDelayTime: (seconds) => post({ type: 'delayTime', seconds }),
      };
    } catch {
      // Fall through to the built-in nodes.
    }
  }
  return fallbackMaster(ctx, init.master, registry);
}

function fallbackMaster(ctx: AudioContext, options: MasterOptions, registry: NodeRegistry): LiveMaster {
  const master = registry.add(ctx.createGain());
  master.gain.value = 10 ** (options.gain / 20);
  const reverb = registry.add(ctx.createConvolver());
  reverb.normalize = false;
  reverb.buffer = impulseResponse(ctx, options);
  reverb.connect(master);
  const delay = registry.add(ctx.createDelay(3));
  delay.delayTime.value = options.delayTime;
  const feedback = registry.add(ctx.createGain());
  feedback.gain.value = options.delay.feedback;
  delay.connect(feedback);
  feedback.connect(delay);
  delay.connect(master);
  const limiter = registry.add(ctx.createDynamicsCompressor());
  limiter.threshold.value = -1;
  limiter.ratio.value = 20;
  limiter.knee.value = 0;
  limiter.attack.value = 0.002;
  limiter.release.value = options.limiter.release;
  master.connect(limiter);
  limiter.connect(ctx.destination);
  let strips: { fader: GainNode; panner: StereoPannerNode; reverb: GainNode; delay: GainNode }[] = [];
  const setMix = (track: number, mix: TrackMix) => {
    const s = strips[track];
    if (!s) return;
    const now = ctx.currentTime;
    s.fader.gain.setTargetAtTime(mix.gain, now, 0.01);
    s.panner.pan.setTargetAtTime(mix.pan, now, 0.01);
    s.reverb.gain.setTargetAtTime(mix.reverb, now, 0.01);
    s.delay.gain.setTargetAtTime(mix.delay, now, 0.01);
  };
  return {
    kind: 'fallback',
    level: () => undefined,
    load: (tracks, channels, init, keep) => {
      const split = keep(ctx.createChannelSplitter(Math.max(1, channels)));
      tracks.connect(split);
      strips = init.tracks.map((mix, i) => {
        const fader = keep(ctx.createGain());
        const panner = keep(ctx.createStereoPanner());
        const toReverb = keep(ctx.createGain());
        const toDelay = keep(ctx.createGain());
        split.connect(fader, i);
        fader.connect(panner).connect(master);
        fader.connect(toReverb).connect(reverb);
        fader.connect(toDelay).connect(delay);
        fader.gain.value = mix.gain;
        panner.pan.value = mix.pan;
        toReverb.gain.value = mix.reverb;
        toDelay.gain.value = mix.delay;
        return { fader, panner, reverb: toReverb, delay: toDelay };
      });
    },
    setMix,
    setDelayTime: (seconds) => delay.delayTime.setTargetAtTime(seconds, ctx.currentTime, 0.02),
  };
}

/** The impulse response of the MasterBus reverb, for a ConvolverNode. */
function impulseResponse(ctx: BaseAudioContext, options: MasterOptions): AudioBuffer {
  const frames = Math.ceil(options.reverb.decay * ctx.sampleRate);
  const reverb = new Reverb(ctx.sampleRate, options.reverb);
  const input = new Float32Array(frames);
  input[0] = 1;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  reverb.process(input, left, right, frames);
  const buffer = ctx.createBuffer(2, frames, ctx.sampleRate);
  buffer.copyToChannel(left, 0);
  buffer.copyToChannel(right, 1);
  return buffer;
}
