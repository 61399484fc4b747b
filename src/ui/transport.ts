import { barTicks, beatTicks, type Meter, type Ticks } from '../core';
import type { Player } from '../engine/play/player';
import type { LoopRange } from '../engine/play/scheduler';
import { t } from './i18n';

/** The elements of the transport. */
export interface TransportControls {
  play: HTMLButtonElement;
  pause: HTMLButtonElement;
  stop: HTMLButtonElement;
  loop: HTMLButtonElement;
  position: HTMLOutputElement;
  /** The output's peak level. */
  level?: HTMLMeterElement;
}

/** What the transport needs from the page. */
export interface TransportHost {
  /** Loads the current piece into a new player. */
  load(player: Player): void;
  /** The current meter, for bar.beat. */
  meter(): Meter | undefined;
  /** Moves the playhead on the piano roll. */
  playhead(ticks: Ticks): void;
  say(text: string, isError?: boolean): void;
  /** A new player exists (to apply the mixer and the MIDI choice). */
  ready(player: Player): void;
  /** Play was asked for: load a piece shown but not loaded yet (see app.ts). */
  beforePlay?(): void;
}

/** bar.beat of `ticks`, both from 1. */
export function barBeat(ticks: Ticks, meter: Meter): string {
  const bar = barTicks(meter);
  return `${Math.floor(ticks / bar) + 1}.${Math.floor((ticks % bar) / beatTicks(meter)) + 1}`;
}

/**
 * Play, Pause, Stop and Loop, the position (bar.beat, moved by Tone.Draw beat callbacks) and the
 * playhead (every frame while playing). The audio engine is loaded and its context created on the
 * page's first gesture — a click or a key anywhere — so that Play sounds at once.
 */
export class Transport {
  private player: Player | undefined;
  private loading: Promise<Player> | undefined;
  private frame = 0;
  /** The range looped instead of the whole piece (a section), if any. */
  private range: LoopRange | undefined;
  /** The looped range changed: a section, or undefined for the whole piece (e.g. by the Loop button). */
  onLoopRange: (range: LoopRange | undefined) => void = () => {};
  /** Whether the user has started audio (a gesture on the page). */
  started = false;

  constructor(
    private readonly c: TransportControls,
    private readonly host: TransportHost,
  ) {
    c.play.addEventListener('click', (e) => void this.start(e.timeStamp));
    c.pause.addEventListener('click', () => this.pause());
    c.stop.addEventListener('click', () => this.stop());
    c.loop.addEventListener('click', () => {
      // Looping a section: Loop goes back to looping the whole piece.
      if (this.range) return this.loopRange(undefined);
      const on = c.loop.getAttribute('aria-pressed') !== 'true';
      c.loop.setAttribute('aria-pressed', String(on));
      this.player?.setLoop(on);
    });
    const unlock = () => {
      this.started = true;
      this.get()
        .then((p) => p.resumeAudio())
        .catch(() => {});
    };
    document.addEventListener('pointerdown', unlock, { once: true, capture: true });
    document.addEventListener('keydown', unlock, { once: true, capture: true });
    // While the page is idle: load the engine and make its audio context, suspended (no sound
    // before a gesture), so that the first Play only has to wake it.
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    this.idleEngine = new Promise((resolve) =>
      idle(() => {
        void this.get().then(
          () => resolve(),
          () => resolve(),
        );
      }),
    );
  }

  /** Settles once the engine made while the page is idle is there with its piece (or could not be made). */
  readonly idleEngine: Promise<void>;

  /** The player, if audio has been started. */
  get current(): Player | undefined {
    return this.player;
  }

  get playing(): boolean {
    return this.player?.playing ?? false;
  }

  /** Creates the player (once), awake if the user has started audio. */
  private get(): Promise<Player> {
    this.loading ??= import('../engine/play/player')
      .then(({ Player }) => Player.create(this.started))
      .then((p) => {
        p.onEnd = () => this.show();
        p.onBeat = (tick) => {
          const meter = this.host.meter();
          // A beat drawn late (Tone.Draw, on the frame after its time) once the player has stopped
          // or paused would put back a position show() has set: '2.3' after Stop in a loaded CI run.
          if (meter && p.playing) this.c.position.value = barBeat(tick, meter);
        };
        p.onAudioState = (state) => {
          if (state === 'suspended' && p.playing)
            this.host.say(t('Audio was paused by the browser: click anywhere to resume.'));
          if (state === 'interrupted') this.host.say(t('Audio was interrupted by the system; it resumes when it can.'));
        };
        if (this.c.loop.getAttribute('aria-pressed') === 'true') p.setLoop(this.range ?? true);
        this.player = p;
        this.host.ready(p);
        this.host.load(p);
        return p;
      });
    this.loading.catch(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The range looped instead of the whole piece, if any. */
  get looped(): LoopRange | undefined {
    return this.range;
  }

  /**
   * Loops `range` (piece ticks), going there if the position is outside it; undefined goes back to
   * looping the whole piece (when a range was looped; otherwise it changes nothing).
   */
  loopRange(range: LoopRange | undefined): void {
    const had = this.range;
    this.range = range ? { start: range.start, end: range.end } : undefined;
    if (!range && !had) return;
    this.c.loop.setAttribute('aria-pressed', 'true');
    const p = this.player;
    p?.setLoop(this.range ?? true);
    if (p && range && (p.ticks < range.start || p.ticks >= range.end)) {
      p.seek(range.start);
      this.show();
    }
    this.onLoopRange(this.range);
  }

  /** Plays (from the click at `clickTime`, performance.now() time). */
  async start(clickTime?: number): Promise<void> {
    this.started = true;
    try {
      const p = await this.get();
      this.host.beforePlay?.();
      p.play(clickTime);
      this.show();
    } catch (e) {
      this.host.say(t('Could not start audio: {reason}', { reason: e instanceof Error ? e.message : String(e) }), true);
    }
  }

  pause(): void {
    this.player?.pause();
    this.show();
  }

  stop(): void {
    this.player?.stop();
    this.show();
  }

  /** Space: play or pause. */
  toggle(clickTime?: number): void {
    if (this.player?.playing) this.pause();
    else void this.start(clickTime);
  }

  /** Brings the buttons, position and playhead up to date, and keeps the playhead moving while playing. */
  show(): void {
    const state = this.player?.state ?? 'stopped';
    this.c.play.setAttribute('aria-pressed', String(state === 'playing'));
    this.c.pause.setAttribute('aria-pressed', String(state === 'paused'));
    cancelAnimationFrame(this.frame);
    const ticks = this.player?.ticks ?? 0;
    const meter = this.host.meter();
    if (state === 'stopped') this.c.position.value = '1.1';
    else if (meter && state === 'paused') this.c.position.value = barBeat(ticks, meter);
    this.host.playhead(state === 'stopped' ? 0 : ticks);
    if (this.c.level && state !== 'playing') this.c.level.value = 0;
    if (state === 'playing') {
      const move = () => {
        if (!this.player?.playing) return this.show();
        this.host.playhead(this.player.ticks);
        if (this.c.level) this.c.level.value = Math.min(1, this.player.level?.peak ?? 0);
        this.frame = requestAnimationFrame(move);
      };
      this.frame = requestAnimationFrame(move);
    }
  }
}
