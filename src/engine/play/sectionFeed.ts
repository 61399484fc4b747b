import { type EndlessComposer, type Piece, pieceTicks } from '../../compose';
import type { Ticks } from '../../core';
import { resolveSound, type SoundSetup, type SoundSpec } from '../sound';
import type { TimelineSource } from './scheduler';
import { type Timeline, timelineOf } from './timeline';

/** A section the feed holds: where it lies in the endless timeline and how many events it put there. */
export interface HeldSection {
  /** 0 for the first section since Play from the start. */
  index: number;
  /** Its letter in the form ("A", "B", ...). */
  label: string;
  start: Ticks;
  end: Ticks;
  piece: Piece;
  /** How many of the timeline's events are this section's (they are contiguous). */
  events: number;
}

/** Runs `f` later, off the caller's path (a timer in the page, at once in tests). */
export type Defer = (f: () => void) => void;

/**
 * The endless timeline: sections from a composer laid end to end in one growing {@link Timeline}
 * (ticks keep counting, so bar lines continue); the instruments carry their ringing voices across. {@link SectionFeed.update} drops the sections played out and has the next one
 * composed as soon as the last one held starts playing — a whole section ahead — so at most two are
 * held; should the scheduler still reach the end first, {@link SectionFeed.more} composes at once.
 */
export class SectionFeed implements TimelineSource {
  readonly timeline: Timeline;
  readonly sound: SoundSetup;
  private composer: EndlessComposer;
  private held: HeldSection[] = [];
  private composed = 0;
  private nextIndex = 0;
  /** Bumped by reset: a deferred compose from before it does nothing. */
  private generation = 0;
  private pending = false;

  constructor(
    private readonly make: () => EndlessComposer,
    sound: SoundSpec,
  ) {
    this.composer = make();
    const first = this.composer.next();
    this.sound = resolveSound(first, sound);
    this.timeline = { events: [], length: 0, meter: first.meter, tempo: first.tempo };
    this.append(first);
  }

  /** The sections held now, oldest first. */
  get sections(): readonly HeldSection[] {
    return this.held;
  }

  /** The held section that plays at `tick` (the first one before it starts). */
  sectionAt(tick: Ticks): HeldSection {
    let found = this.held[0];
    for (const s of this.held) if (s.start <= tick) found = s;
    return found;
  }

  /** Appends the next section; always grows the timeline. */
  more(): boolean {
    this.append(this.composer.next());
    return true;
  }

  /** Drops sections that ended before `position`; asks for the next (via `defer`) once the last one plays. */
  update(position: Ticks, defer: Defer = (f) => f()): void {
    while (this.held.length > 1 && this.held[0].end <= position) {
      const gone = this.held.shift()!;
      this.timeline.events.splice(0, gone.events);
    }
    const last = this.held[this.held.length - 1];
    if (this.pending || position < last.start) return;
    this.pending = true;
    const generation = this.generation;
    defer(() => {
      if (generation !== this.generation) return;
      this.pending = false;
      // The scheduler may have needed it first (and appended it itself).
      if (this.held[this.held.length - 1] === last) this.more();
    });
  }

  /** Back to the first section, composed anew from a fresh composer (same recipe: same sections). */
  reset(): void {
    this.generation++;
    this.pending = false;
    this.composer = this.make();
    this.held = [];
    this.composed = 0;
    this.nextIndex = 0;
    this.timeline.events = [];
    this.timeline.length = 0;
    this.append(this.composer.next());
  }

  private append(piece: Piece): void {
    const start = this.timeline.length;
    const t = timelineOf(piece, this.nextIndex);
    for (const e of t.events) {
      e.tick += start;
      this.timeline.events.push(e);
    }
    const length = pieceTicks(piece);
    this.timeline.length = start + length;
    this.nextIndex += t.events.length;
    const label = piece.sections[0]?.label ?? '';
    this.held.push({ index: this.composed++, label, start, end: start + length, piece, events: t.events.length });
  }
}
