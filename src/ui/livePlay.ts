import { answerBeat, answerPhrase, type Edit, type PartId, resolveOptions } from '../compose';
import { barTicks, maxOf, minOf, PPQ, type Ticks } from '../core';
import type { Note } from '../corpus';
import { composeOptions, type Generated } from '../presets';
import type { Editing } from './editing';
import { t } from './i18n';
import { LiveInput, type LiveNote } from './liveInput';
import type { Transport } from './transport';

/** The controls of Continue and Record. */
export interface LivePlayControls {
  continueButton: HTMLButtonElement;
  record: HTMLButtonElement;
  quantize: HTMLInputElement;
  keys: HTMLElement;
  status: HTMLElement;
}

/** What live playing needs from the page. */
export interface LivePlayHost {
  transport: Transport;
  editing: Editing;
  current(): Generated | undefined;
  /** The part Record writes into. */
  part(): PartId;
  say(text: string, isError?: boolean): void;
}

/** The answer is made this long before its beat: time to compose it and hand it to the player. */
const LEAD_MS = 180;
const GRID: Ticks = PPQ / 4;

/** Where Continue stands, for the status line and the tests. */
export interface ContinueState {
  listening: boolean;
  /** Notes of the call so far. */
  call: number;
  /** The beat the answer is due on (piece ticks), and when that is (performance.now() ms). */
  dueTick?: Ticks;
  dueAt?: number;
  /** Answers given so far. */
  answers: number;
}

/**
 * Playing into the piece while it plays. **Record**: the notes played go into the selected part
 * (quantized to the sixteenth grid when Quantize is on) when Record is switched off. **Continue**
 * (call and response): play a phrase; when you stop for a beat the model answers on the next beat,
 * in the key and meter of the piece, over its chords, continuing from your phrase — and both go into
 * the melody (one Undo step). Notes come from a MIDI keyboard, the computer keyboard or the
 * on-screen keys; the transport starts with the first note if it is not running.
 */
export class LivePlay {
  private readonly input: LiveInput;
  private open = new Map<number, { tick: Ticks; velocity: number }>();
  private played: Note[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private mode: 'off' | 'record' | 'continue' = 'off';
  readonly state: ContinueState = { listening: false, call: 0, answers: 0 };

  constructor(
    private readonly c: LivePlayControls,
    private readonly host: LivePlayHost,
  ) {
    this.input = new LiveInput(c.keys, (n) => void this.note(n));
    c.continueButton.addEventListener('click', () => this.toggle('continue'));
    c.record.addEventListener('click', () => this.toggle('record'));
  }

  private toggle(mode: 'record' | 'continue'): void {
    const was = this.mode;
    if (was === 'record') this.keepRecording();
    this.reset();
    this.mode = was === mode ? 'off' : mode;
    this.c.continueButton.setAttribute('aria-pressed', String(this.mode === 'continue'));
    this.c.record.setAttribute('aria-pressed', String(this.mode === 'record'));
    this.input.listen(this.mode !== 'off');
    this.state.listening = this.mode === 'continue';
    this.c.status.textContent =
      this.mode === 'continue'
        ? t('Play a phrase (keys A–; or a MIDI keyboard); stop for a beat and the model answers.')
        : this.mode === 'record'
          ? t('Recording into the selected part while the piece plays; press Record again to keep it.')
          : '';
  }

  private reset(): void {
    clearTimeout(this.timer);
    this.open.clear();
    this.played = [];
    this.state.call = 0;
    this.state.dueTick = undefined;
    this.state.dueAt = undefined;
  }

  private async note(n: LiveNote): Promise<void> {
    if (this.mode === 'off') return;
    let player = this.host.transport.current;
    if (!player?.playing) {
      if (!n.on) return;
      await this.host.transport.start();
      player = this.host.transport.current;
    }
    if (!player) return;
    const tick = player.ticks;
    if (n.on) {
      this.open.set(n.pitch, { tick, velocity: n.velocity });
      clearTimeout(this.timer);
      return;
    }
    const started = this.open.get(n.pitch);
    if (!started) return;
    this.open.delete(n.pitch);
    this.played.push({
      pitch: n.pitch,
      tick: started.tick,
      duration: Math.max(GRID / 2, tick - started.tick),
      velocity: started.velocity,
    });
    this.state.call = this.played.length;
    if (this.mode === 'continue' && this.open.size === 0) this.awaitSilence();
  }

  /** Snaps onsets (and lengths) to the grid when Quantize is on. */
  private quantized(notes: readonly Note[]): Note[] {
    if (!this.c.quantize.checked)
      return notes.map((n) => ({ ...n, tick: Math.round(n.tick), duration: Math.round(n.duration) }));
    return notes.map((n) => ({
      ...n,
      tick: Math.round(n.tick / GRID) * GRID,
      duration: Math.max(GRID, Math.round(n.duration / GRID) * GRID),
    }));
  }

  /** Schedules the answer just before the beat that ends a beat of silence. */
  private awaitSilence(): void {
    const g = this.host.current();
    const player = this.host.transport.current;
    if (!g || !player?.tempo) return;
    const call = this.quantized(this.played);
    const due = answerBeat(call, g.piece.meter);
    const msPerTick = 60_000 / (player.tempo * PPQ);
    const wait = (due - player.ticks) * msPerTick;
    this.state.dueTick = due;
    // When the beat reaches the speakers: what the answer's first note is measured against.
    this.state.dueAt = player.outputAt(due);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.answer(call, due), Math.max(0, wait - LEAD_MS));
  }

  private answer(call: Note[], due: Ticks): void {
    const g = this.host.current();
    if (!g || this.open.size > 0) return;
    const bar = barTicks(g.piece.meter);
    const first = minOf(call.map((n) => n.tick));
    const bars = Math.min(4, Math.max(1, Math.ceil((due - first) / bar)));
    const o = resolveOptions(composeOptions(g.preset, g.recipe));
    const answer = answerPhrase(g.piece, g.model, o, { call, due, bars, seed: g.recipe.seed + this.state.answers + 1 });
    this.played = [];
    this.state.call = 0;
    if (answer.length === 0) {
      this.host.say(t('The piece ends before an answer could start.'), true);
      return;
    }
    const end = maxOf(answer.map((n) => n.tick + n.duration));
    const edits: Edit[] = [
      { op: 'clear', track: 'melody', from: Math.max(0, Math.floor(first)), to: end },
      { op: 'add', track: 'melody', notes: call },
      { op: 'add', track: 'melody', notes: answer },
    ];
    if (this.host.editing.commitAll(edits, t('The model answered your phrase ({n} notes).', { n: answer.length })))
      this.state.answers++;
  }

  /** Record switched off: what was played goes into the selected part. */
  private keepRecording(): void {
    const notes = this.quantized(this.played);
    if (notes.length === 0) return;
    this.host.editing.commitAll(
      [{ op: 'add', track: this.host.part(), notes }],
      t('Recorded {n} notes.', { n: notes.length }),
    );
  }
}
