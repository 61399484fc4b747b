import type { Piece } from '../compose';
import type { MixerState } from '../engine/graph/mixer';
import type { SampleLibraries } from '../engine/samples';
import type { SoundSpec } from '../engine/sound';
import { fixed, t } from './i18n';

/** What the Export WAV button renders: the piece of the page's fields, as the mixer sets it. */
export interface WavJob {
  piece: Piece;
  options: SoundSpec;
  /** Loads the samples the sound's Sampler parts play (none: resolves at once). */
  libraries?: () => Promise<SampleLibraries>;
  mixer: MixerState;
  fileName: string;
}

/** The elements of the WAV export. */
export interface WavControls {
  button: HTMLButtonElement;
  progress: HTMLProgressElement;
  cancel: HTMLButtonElement;
}

/**
 * Wires Export WAV: renders the current piece offline (chunk by chunk, with the progress bar and
 * Cancel), then downloads the .wav. The engine is loaded on the first export; no audio context is
 * needed, so it works before Play too.
 */
export function startWavExport(
  controls: WavControls,
  job: () => WavJob | undefined,
  say: (text: string, isError?: boolean) => void,
): void {
  const { button, progress, cancel } = controls;
  let running: AbortController | undefined;
  const finish = () => {
    running = undefined;
    button.disabled = false;
    progress.hidden = true;
    cancel.hidden = true;
  };
  cancel.addEventListener('click', () => running?.abort());
  button.addEventListener('click', async () => {
    if (running) return;
    const j = job();
    if (!j) return;
    running = new AbortController();
    const signal = running.signal;
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    progress.max = 1;
    cancel.hidden = false;
    say(t('Rendering {file}…', { file: j.fileName }));
    try {
      const libraries = await j.libraries?.();
      const { renderWav } = await import('../engine/offline');
      const t0 = performance.now();
      const result = await renderWav(j.piece, j.options, {
        mixer: j.mixer,
        libraries,
        signal,
        onProgress: (done, total) => {
          progress.max = total;
          progress.value = done;
          say(t('Rendering {file}… {percent} %', { file: j.fileName, percent: Math.round((done / total) * 100) }));
        },
      });
      const seconds = result.frames / result.sampleRate;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(result.blob);
      link.download = j.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      const took = (performance.now() - t0) / 1000;
      say(
        t('Exported {file}: {seconds} s of audio, rendered in {took} s ({speed}× realtime).', {
          file: j.fileName,
          seconds: fixed(seconds, 1),
          took: fixed(took, 1),
          speed: fixed(seconds / took, 0),
        }),
      );
    } catch (e) {
      if (signal.aborted) say(t('WAV export cancelled.'));
      else
        say(t('Could not render the WAV file: {reason}', { reason: e instanceof Error ? e.message : String(e) }), true);
    } finally {
      finish();
    }
  });
}
