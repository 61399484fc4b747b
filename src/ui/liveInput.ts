import { getContext } from 'tone/build/esm/core/context/GlobalContext';
import { isTyping } from './shortcuts';

/** A key pressed or let go: on the computer keyboard, the on-screen keys or a MIDI keyboard. */
export interface LiveNote {
  pitch: number;
  velocity: number;
  on: boolean;
}

/**
 * The computer keyboard as a piano, by physical key (KeyboardEvent.code, so that it is the same
 * place on a QWERTZ or AZERTY keyboard): the home row white keys from C, the row above the black keys.
 */
export const PIANO_KEYS: Readonly<Record<string, number>> = {
  KeyA: 0,
  KeyW: 1,
  KeyS: 2,
  KeyE: 3,
  KeyD: 4,
  KeyF: 5,
  KeyT: 6,
  KeyG: 7,
  KeyY: 8,
  KeyH: 9,
  KeyU: 10,
  KeyJ: 11,
  KeyK: 12,
  KeyO: 13,
  KeyL: 14,
  KeyP: 15,
  Semicolon: 16,
};
/** The label of a key on a US keyboard ("KeyA" → "A"). */
const keyLabel = (code: string) => (code === 'Semicolon' ? ';' : code.replace('Key', ''));
const NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'];

/**
 * Notes played live: the computer keyboard (two rows as a piano, Z and X an octave down and up, by
 * their place on the keyboard;
 * only while listening, and not while typing in a field), the on-screen keys, and every Web MIDI
 * input. Each key is heard at once on a small monitor voice.
 */
export class LiveInput {
  private listening = false;
  private octave = 60;
  private held = new Map<string, number>();
  private access: MIDIAccess | undefined;
  private voices = new Map<number, { stop(): void }>();
  /** Ports found, for the status line. */
  inputs: string[] = [];

  constructor(
    private readonly keys: HTMLElement,
    private readonly onNote: (note: LiveNote) => void,
  ) {
    this.drawKeys();
    document.addEventListener('keydown', (e) => this.key(e, true), true);
    document.addEventListener('keyup', (e) => this.key(e, false), true);
  }

  /** Listens (or stops listening) to the computer keyboard and the MIDI inputs. */
  listen(on: boolean): void {
    this.listening = on;
    this.keys.hidden = !on;
    if (on) void this.connectMidi();
    else for (const [k, pitch] of this.held) this.release(k, pitch);
  }

  private play(note: LiveNote): void {
    this.monitor(note);
    this.onNote(note);
  }

  private key(e: KeyboardEvent, down: boolean): void {
    if (!this.listening || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target as HTMLElement | null)) return;
    const k = e.code;
    const octave = k === 'KeyZ' || k === 'KeyX';
    if (octave && down) {
      this.octave = Math.min(96, Math.max(24, this.octave + (k === 'KeyZ' ? -12 : 12)));
      this.drawKeys();
    } else if (!octave && !Object.hasOwn(PIANO_KEYS, k)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.repeat || octave) return;
    if (down && !this.held.has(k)) {
      const pitch = this.octave + PIANO_KEYS[k];
      this.held.set(k, pitch);
      this.play({ pitch, velocity: 96, on: true });
    } else if (!down) {
      const pitch = this.held.get(k);
      if (pitch !== undefined) this.release(k, pitch);
    }
  }

  private release(k: string, pitch: number): void {
    this.held.delete(k);
    this.play({ pitch, velocity: 0, on: false });
  }

  /** The on-screen keys, named by their computer key and note. */
  private drawKeys(): void {
    const buttons = Object.entries(PIANO_KEYS).map(([k, offset]) => {
      const pitch = this.octave + offset;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `piano-key${[1, 3, 6, 8, 10].includes(offset % 12) ? ' black' : ''}`;
      b.textContent = `${keyLabel(k)} ${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
      b.addEventListener('pointerdown', () => this.play({ pitch, velocity: 96, on: true }));
      for (const end of ['pointerup', 'pointerleave'])
        b.addEventListener(end, (e) => {
          if (end === 'pointerleave' && (e as PointerEvent).buttons === 0) return;
          this.play({ pitch, velocity: 0, on: false });
        });
      return b;
    });
    this.keys.replaceChildren();
    for (const b of buttons) this.keys.append(b);
  }

  /** Every MIDI input, now and as ports come and go; none where the browser has no Web MIDI. */
  private async connectMidi(): Promise<void> {
    if (this.access || typeof navigator.requestMIDIAccess !== 'function') return;
    try {
      this.access = await navigator.requestMIDIAccess();
    } catch {
      return; // refused or unavailable: the computer keyboard still plays
    }
    const attach = () => {
      this.inputs = [];
      for (const input of this.access?.inputs.values() ?? []) {
        this.inputs.push(input.name ?? input.id);
        input.onmidimessage = (m) => this.midi(m.data);
      }
    };
    this.access.onstatechange = attach;
    attach();
  }

  private midi(data: Uint8Array | null): void {
    if (!this.listening || !data || data.length < 3) return;
    const kind = data[0] & 0xf0;
    if (kind === 0x90 && data[2] > 0) this.play({ pitch: data[1], velocity: data[2], on: true });
    else if (kind === 0x80 || kind === 0x90) this.play({ pitch: data[1], velocity: 0, on: false });
  }

  /** A soft triangle voice for each held key, so that playing is heard at once. */
  private monitor(note: LiveNote): void {
    this.voices.get(note.pitch)?.stop();
    this.voices.delete(note.pitch);
    if (!note.on) return;
    let ctx: BaseAudioContext;
    try {
      ctx = getContext().rawContext as BaseAudioContext;
    } catch {
      return;
    }
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'triangle';
    osc.frequency.value = 440 * 2 ** ((note.pitch - 69) / 12);
    const now = ctx.currentTime;
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime((0.25 * note.velocity) / 127, now + 0.005);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now);
    this.voices.set(note.pitch, {
      stop: () => {
        const t = ctx.currentTime;
        gain.gain.cancelScheduledValues(t);
        gain.gain.setTargetAtTime(0, t, 0.03);
        osc.stop(t + 0.2);
        osc.onended = () => gain.disconnect();
      },
    });
  }
}
