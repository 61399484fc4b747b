import toneWorkletsUrl from 'virtual:tone-worklets';
import type { Context } from 'tone/build/esm/core/context/Context';
import workletUrl from './processors.ts?worker&url';

/** What a context can run: our worklets and Tone's, or neither (an insecure page has no AudioWorklet). */
export type WorkletSupport = 'worklet' | 'none';

const loaded = new WeakMap<object, Promise<WorkletSupport>>();
const ready = new WeakSet<object>();

/** Whether our worklet module is loaded in `raw` (see {@link loadWorklets}). */
export function hasWorklets(raw: BaseAudioContext): boolean {
  return ready.has(raw);
}

/**
 * Loads our AudioWorklet module and Tone.js's into `context`, once. Tone.js would load its own
 * from a `blob:` URL, which a strict Content-Security-Policy (`script-src 'self'`) refuses: the
 * build writes Tone's worklet code to a file of the site instead (vite.config.ts), and the
 * context's `addAudioWorkletModule` is pointed there. Resolves to "none" where the browser has no
 * AudioWorklet (an insecure page): LightReverb then plays its impulse response through a
 * convolver — the same room — and Tone's worklet effects cannot be used.
 */
export function loadWorklets(
  context: Context,
  which: { ours: boolean; tone: boolean } = { ours: true, tone: true },
): Promise<WorkletSupport> {
  let support = loaded.get(context);
  if (support) return support;
  const raw = context.rawContext as unknown as BaseAudioContext;
  if (!raw.audioWorklet) support = Promise.resolve('none');
  else {
    const tone = which.tone ? raw.audioWorklet.addModule(toneWorkletsUrl) : undefined;
    const both = Promise.all([which.ours ? raw.audioWorklet.addModule(workletUrl) : undefined, tone]);
    // Tone's ToneAudioWorklet asks for its blob: module; it gets the file of the site instead.
    context.addAudioWorkletModule = () => (tone ?? raw.audioWorklet.addModule(toneWorkletsUrl)).then(() => undefined);
    support = both.then(
      () => {
        ready.add(raw);
        return 'worklet' as const;
      },
      () => 'none' as const,
    );
  }
  loaded.set(context, support);
  return support;
}

/** What `loadWorklets` found for `context` (undefined before it was asked). */
export function workletSupport(context: Context): Promise<WorkletSupport> | undefined {
  return loaded.get(context);
}

/** Why an effect or an instrument cannot be made here: it runs in an AudioWorklet the page cannot use. */
export class WorkletUnavailable extends Error {
  constructor(readonly what: string) {
    super(`${what} needs AudioWorklet, which this page cannot use (open it over https or on localhost)`);
  }
}
