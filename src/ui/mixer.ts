import type { ChannelState, MixerState } from '../engine/graph/mixer';
import { t } from './i18n';
import { trackName } from './i18n/terms';

/** A track as the mixer shows it. */
export interface MixerTrack {
  id: string;
  name: string;
}

/**
 * The mixer panel: per track a volume fader (dB), a pan knob, Mute and Solo toggles, named for
 * the track ("Melody volume", "Melody pan", "Mute Melody", "Solo Melody"), and Lock ("Lock
 * Melody"), which keeps the part as it is through Regenerate and new seeds. Settings are kept by
 * track id, so they survive Regenerate and a change of preset.
 */
export class MixerPanel {
  private state: MixerState = {};
  private shown = '';
  private locks = new Set<string>();

  constructor(
    private readonly container: HTMLElement,
    private readonly onChange: (id: string, change: Partial<ChannelState>, state: MixerState) => void,
  ) {}

  get mixer(): MixerState {
    return this.state;
  }

  /** The tracks locked (Lock): Regenerate and new seeds leave them as they are. */
  get locked(): ReadonlySet<string> {
    return this.locks;
  }

  /** Shows a strip per track (rebuilt only when the tracks change). */
  show(tracks: readonly MixerTrack[]): void {
    const key = tracks.map((t) => `${t.id}:${t.name}`).join('|');
    if (key === this.shown) return;
    this.shown = key;
    this.container.replaceChildren(...tracks.map((t) => this.strip(t)));
  }

  private set(id: string, change: Partial<ChannelState>): void {
    this.state = { ...this.state, [id]: { ...this.state[id], ...change } };
    this.onChange(id, change, this.state);
  }

  private strip(track: MixerTrack): HTMLElement {
    const label = trackName(track.id);
    const channel = this.state[track.id] ?? {};
    const strip = document.createElement('fieldset');
    strip.className = 'strip';
    strip.dataset.track = track.id; // found by id, whatever the language of its labels
    const legend = document.createElement('legend');
    legend.textContent = label;
    if (track.name !== label) {
      const small = document.createElement('small');
      small.textContent = ` ${track.name}`;
      legend.append(small);
    }
    const volume = slider(
      t('{track} volume', { track: label }),
      t('Volume'),
      -40,
      6,
      1,
      channel.volume ?? 0,
      (v) => `${v} dB`,
    );
    volume.input.addEventListener('input', () => this.set(track.id, { volume: Number(volume.input.value) }));
    const pan = slider(t('{track} pan', { track: label }), t('Pan'), -1, 1, 0.05, channel.pan ?? 0, (v) => {
      const percent = Math.round(Math.abs(v) * 100);
      return v === 0 ? t('centre') : v < 0 ? t('{percent}% left', { percent }) : t('{percent}% right', { percent });
    });
    pan.input.addEventListener('input', () => this.set(track.id, { pan: Number(pan.input.value) }));
    const mute = toggle(t('Mute {track}', { track: label }), t('Mute'), channel.mute ?? false, (on) =>
      this.set(track.id, { mute: on }),
    );
    const solo = toggle(t('Solo {track}', { track: label }), t('Solo'), channel.solo ?? false, (on) =>
      this.set(track.id, { solo: on }),
    );
    mute.dataset.toggle = 'mute';
    const lock = toggle(t('Lock {track}', { track: label }), t('Lock'), this.locks.has(track.id), (on) => {
      if (on) this.locks.add(track.id);
      else this.locks.delete(track.id);
    });
    lock.dataset.toggle = 'lock';
    const buttons = document.createElement('div');
    buttons.className = 'strip-buttons';
    buttons.append(mute, solo, lock);
    strip.append(legend, volume.field, pan.field, buttons);
    return strip;
  }
}

function slider(
  name: string,
  text: string,
  min: number,
  max: number,
  step: number,
  value: number,
  say: (v: number) => string,
): { field: HTMLLabelElement; input: HTMLInputElement } {
  const field = document.createElement('label');
  field.className = 'strip-field';
  const input = document.createElement('input');
  input.type = 'range';
  Object.assign(input, { min: String(min), max: String(max), step: String(step), value: String(value) });
  input.setAttribute('aria-label', name);
  const show = () => input.setAttribute('aria-valuetext', say(Number(input.value)));
  show();
  input.addEventListener('input', show);
  field.append(text, input);
  return { field, input };
}

function toggle(name: string, text: string, on: boolean, change: (on: boolean) => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'toggle';
  button.textContent = text;
  button.setAttribute('aria-label', name);
  button.setAttribute('aria-pressed', String(on));
  button.addEventListener('click', () => {
    const next = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(next));
    change(next);
  });
  return button;
}
