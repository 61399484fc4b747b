import { type Edit, MIN_NOTE, type PartId, type Piece, pieceTicks } from '../compose';
import { barTicks, beatTicks, PPQ, type Ticks } from '../core';
import type { Note } from '../corpus';
import type { PianoRoll } from './pianoRoll';
import { ROLL_LANES, ROLL_NOTES_TOP } from './rollSections';

/** The grid notes snap to: a sixteenth. */
export const GRID: Ticks = PPQ / 4;
const snap = (t: number, grid = GRID) => Math.round(t / grid) * grid;
const keyOf = (n: { tick: Ticks; pitch: number }) => `${n.tick}:${n.pitch}`;

/** A span of the piece the user selected (ticks), for Regenerate selection and the chord lane. */
export interface RollRange {
  start: Ticks;
  end: Ticks;
}

/** What the editor needs from the page. */
export interface RollEditorHost {
  piece(): Piece | undefined;
  /** The part whose notes are edited (the Part select). */
  part(): PartId;
  /** Applies an edit (and records it for Undo). */
  commit(edit: Edit): void;
  /** The selection changed: a span (or none) and how many notes. */
  selected(range: RollRange | undefined, notes: number): void;
}

type Drag =
  | { kind: 'draw'; tick: Ticks; pitch: number; x: number }
  | { kind: 'move'; x: number; y: number; dt: number; dp: number }
  | { kind: 'resize'; x: number; dd: number }
  | { kind: 'velocity'; y: number; dv: number }
  | { kind: 'box'; x: number; y: number; x2: number; y2: number }
  | { kind: 'range'; tick: Ticks; tick2: Ticks };

/**
 * Editing on the piano roll, with the mouse (or a pen or finger) and the keyboard:
 * - on the notes: a click on empty space adds a note of a sixteenth (drag right for a longer one);
 *   drag a note to move it, its right edge to change its length, Alt+drag it up or down to make it
 *   louder or softer (a step a pixel); Shift+click adds a note to the
 *   selection, Shift+drag draws a box that selects the notes in it;
 * - on the chord lanes (under the section labels): drag (or click) to select a span, which
 *   Regenerate selection and the Chord picker act on;
 * - keys, with the roll focused: arrows move the selected notes (a sixteenth, a semitone;
 *   Shift+↑/↓ an octave), Shift+←/→ shorten or lengthen them, + and − change their velocity,
 *   Delete removes them, Enter adds a note after the last selected one, Ctrl+A selects every note
 *   of the part, Escape clears the selection.
 * Only the notes of the selected part answer; every change is one edit (one Undo step).
 */
export class RollEditor {
  private chosen = new Set<string>();
  private range: RollRange | undefined;
  private drag: Drag | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly roll: PianoRoll,
    private readonly host: RollEditorHost,
  ) {
    canvas.tabIndex = 0;
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.moveTo(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', () => this.cancel());
    canvas.addEventListener('keydown', (e) => this.key(e));
  }

  /** The span selected, if any. */
  get selection(): RollRange | undefined {
    return this.range;
  }

  /** The selected notes of the part, as they are in the piece on screen. */
  get chosenNotes(): Note[] {
    return this.notes().filter((n) => this.chosen.has(keyOf(n)));
  }

  /** Where the middle of the row of `pitch` at `tick` is, CSS pixels from the roll's top left. */
  pointOf(tick: Ticks, pitch: number): { x: number; y: number } {
    return { x: this.roll.xOf(tick), y: this.roll.yOf(pitch) + this.roll.rowHeight / 2 };
  }

  /** Selects a span (a section's bars, from its label), or none. */
  selectRange(range: RollRange | undefined): void {
    this.range = range;
    this.show();
  }

  /** Forgets selected notes that are gone (after a new piece or an Undo) and redraws the marks. */
  refresh(): void {
    const there = new Set(this.notes().map(keyOf));
    for (const k of [...this.chosen]) if (!there.has(k)) this.chosen.delete(k);
    const piece = this.host.piece();
    if (piece && this.range && this.range.end > pieceTicks(piece)) this.range = undefined;
    this.show();
  }

  /** Forgets the note selection (another part was chosen). */
  clearNotes(): void {
    this.chosen.clear();
    this.show();
  }

  private notes(): Note[] {
    const piece = this.host.piece();
    return piece?.tracks.find((t) => t.id === this.host.part())?.notes ?? [];
  }

  private point(e: PointerEvent | MouseEvent) {
    const box = this.canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  /** The note of the part under a point, and whether the point is on its right edge. */
  private hit(x: number, y: number): { note: Note; edge: boolean } | undefined {
    const pitch = this.roll.pitchAt(y);
    for (const n of this.notes()) {
      if (n.pitch !== pitch) continue;
      const left = this.roll.xOf(n.tick);
      const right = this.roll.xOf(n.tick + n.duration);
      // The right edge resizes where the note is wide enough to grab apart from its body.
      if (x >= left - 1 && x <= Math.max(right, left + 4) + 1)
        return { note: n, edge: right - left >= 12 && x >= right - 4 };
    }
    return undefined;
  }

  private down(e: PointerEvent): void {
    const piece = this.host.piece();
    if (!piece || e.button !== 0) return;
    const { x, y } = this.point(e);
    if (y < ROLL_LANES.section) return; // the section band is the section loop's
    this.canvas.focus({ preventScroll: true });
    this.canvas.setPointerCapture?.(e.pointerId);
    if (y < ROLL_NOTES_TOP) {
      const tick = this.roll.tickAt(x);
      this.drag = { kind: 'range', tick, tick2: tick };
      return;
    }
    const hit = this.hit(x, y);
    if (hit) {
      const k = keyOf(hit.note);
      if (e.shiftKey) {
        if (this.chosen.has(k)) this.chosen.delete(k);
        else this.chosen.add(k);
        this.show();
        return;
      }
      if (!this.chosen.has(k)) this.chosen = new Set([k]);
      // Alt+drag up or down: louder or softer.
      this.drag = e.altKey
        ? { kind: 'velocity', y, dv: 0 }
        : hit.edge
          ? { kind: 'resize', x, dd: 0 }
          : { kind: 'move', x, y, dt: 0, dp: 0 };
    } else if (e.shiftKey) this.drag = { kind: 'box', x, y, x2: x, y2: y };
    else {
      const tick = Math.floor(this.roll.tickAt(x) / GRID) * GRID;
      this.drag = { kind: 'draw', tick, pitch: this.roll.pitchAt(y), x };
    }
    this.show();
  }

  private moveTo(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const { x, y } = this.point(e);
    const ticksPerPx = this.roll.tickAt(1) - this.roll.tickAt(0);
    if (d.kind === 'move') {
      d.dt = snap((x - d.x) * ticksPerPx);
      d.dp = Math.round((d.y - y) / this.roll.rowHeight);
    } else if (d.kind === 'resize') d.dd = snap((x - d.x) * ticksPerPx);
    else if (d.kind === 'velocity') d.dv = Math.round(d.y - y);
    else if (d.kind === 'box') Object.assign(d, { x2: x, y2: y });
    else if (d.kind === 'range') d.tick2 = this.roll.tickAt(x);
    else if (d.kind === 'draw') d.x = x;
    this.show();
  }

  private up(e: PointerEvent): void {
    const d = this.drag;
    this.drag = undefined;
    const piece = this.host.piece();
    if (!d || !piece) return;
    const track = this.host.part();
    const at = this.chosenNotes.map((n) => [n.tick, n.pitch] as const);
    if (d.kind === 'move' && (d.dt || d.dp) && at.length) {
      this.commit({ op: 'move', track, at, dt: d.dt, dp: d.dp }, (n) => ({
        tick: n.tick + d.dt,
        pitch: n.pitch + d.dp,
      }));
    } else if (d.kind === 'resize' && d.dd && at.length) this.commit({ op: 'resize', track, at, dd: d.dd });
    else if (d.kind === 'velocity' && d.dv && at.length) this.commit({ op: 'velocity', track, at, dv: d.dv });
    else if (d.kind === 'box') this.boxSelect(d);
    else if (d.kind === 'range') this.rangeSelect(piece, d.tick, d.tick2);
    else if (d.kind === 'draw') {
      const end = Math.max(d.tick + GRID, snap(this.roll.tickAt(this.point(e).x)));
      this.add(track, d.tick, d.pitch, Math.min(end, pieceTicks(piece)) - d.tick);
    }
    this.show();
  }

  private cancel(): void {
    this.drag = undefined;
    this.show();
  }

  private add(track: PartId, tick: Ticks, pitch: number, duration: Ticks): void {
    if (duration <= 0 || pitch < 0 || pitch > 127) return;
    const velocity =
      Math.round(this.notes().reduce((s, n) => s + n.velocity, 0) / Math.max(1, this.notes().length)) || 90;
    this.chosen = new Set([keyOf({ tick, pitch })]);
    this.host.commit({ op: 'add', track, notes: [{ tick, duration, pitch, velocity }] });
  }

  /** Commits an edit of the selected notes; `moved` says where each selected note goes. */
  private commit(edit: Edit, moved?: (n: Note) => { tick: Ticks; pitch: number }): void {
    if (moved) this.chosen = new Set(this.chosenNotes.map((n) => keyOf(moved(n))));
    this.host.commit(edit);
  }

  private boxSelect(d: Extract<Drag, { kind: 'box' }>): void {
    const [t0, t1] = [this.roll.tickAt(Math.min(d.x, d.x2)), this.roll.tickAt(Math.max(d.x, d.x2))];
    const [p0, p1] = [this.roll.pitchAt(Math.max(d.y, d.y2)), this.roll.pitchAt(Math.min(d.y, d.y2))];
    for (const n of this.notes())
      if (n.tick + n.duration > t0 && n.tick < t1 && n.pitch >= p0 && n.pitch <= p1) this.chosen.add(keyOf(n));
  }

  /** A span from a drag on the chord lanes, on beats; a click selects the chord under it. */
  private rangeSelect(piece: Piece, a: Ticks, b: Ticks): void {
    const beat = beatTicks(piece.meter);
    let start = Math.floor(Math.min(a, b) / beat) * beat;
    let end = Math.ceil(Math.max(a, b) / beat) * beat;
    if (end - start <= beat) {
      const chord = piece.chords.find((c) => a >= c.tick && a < c.tick + c.duration);
      if (chord) [start, end] = [chord.tick, chord.tick + chord.duration];
    }
    this.range = { start, end: Math.min(end, pieceTicks(piece)) };
  }

  private key(e: KeyboardEvent): void {
    const piece = this.host.piece();
    if (!piece || e.altKey || e.metaKey) return;
    const track = this.host.part();
    const chosen = this.chosenNotes;
    const at = chosen.map((n) => [n.tick, n.pitch] as const);
    const move = (dt: number, dp: number) =>
      at.length && this.commit({ op: 'move', track, at, dt, dp }, (n) => ({ tick: n.tick + dt, pitch: n.pitch + dp }));
    const key = e.key;
    let handled = true;
    if (e.ctrlKey) {
      if (key.toLowerCase() !== 'a') return;
      this.chosen = new Set(this.notes().map(keyOf));
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const sign = key === 'ArrowLeft' ? -1 : 1;
      if (e.shiftKey) at.length && this.commit({ op: 'resize', track, at, dd: sign * GRID });
      else move(sign * GRID, 0);
    } else if (key === 'ArrowUp' || key === 'ArrowDown') move(0, (key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 12 : 1));
    else if (key === 'Delete' || key === 'Backspace') {
      if (at.length) this.host.commit({ op: 'delete', track, at });
      this.chosen.clear();
    } else if (key === '+' || key === '=' || key === '-') {
      if (at.length) this.commit({ op: 'velocity', track, at, dv: key === '-' ? -8 : 8 });
    } else if (key === 'Enter') {
      const last = chosen.at(-1);
      const bar = barTicks(piece.meter);
      const tick = last ? last.tick + Math.max(MIN_NOTE, last.duration) : (this.range?.start ?? 0);
      const pitch = last?.pitch ?? this.notes()[0]?.pitch ?? 72;
      if (tick < pieceTicks(piece))
        this.add(track, tick, pitch, Math.min(last?.duration ?? beatTicks(piece.meter), bar));
    } else if (key === 'Escape') {
      this.chosen.clear();
      this.range = undefined;
    } else handled = false;
    if (!handled) return;
    e.preventDefault();
    e.stopPropagation();
    this.show();
  }

  private show(): void {
    const d = this.drag;
    const chosen = this.chosenNotes;
    let ghost: { tick: Ticks; duration: Ticks; pitch: number }[] | undefined;
    if (d?.kind === 'move') ghost = chosen.map((n) => ({ ...n, tick: n.tick + d.dt, pitch: n.pitch + d.dp }));
    if (d?.kind === 'resize') ghost = chosen.map((n) => ({ ...n, duration: Math.max(MIN_NOTE, n.duration + d.dd) }));
    if (d?.kind === 'draw') {
      const end = Math.max(d.tick + GRID, snap(this.roll.tickAt(d.x)));
      ghost = [{ tick: d.tick, duration: end - d.tick, pitch: d.pitch }];
    }
    const range =
      d?.kind === 'range' ? { start: Math.min(d.tick, d.tick2), end: Math.max(d.tick, d.tick2) } : this.range;
    const box =
      d?.kind === 'box'
        ? { x: Math.min(d.x, d.x2), y: Math.min(d.y, d.y2), width: Math.abs(d.x2 - d.x), height: Math.abs(d.y2 - d.y) }
        : undefined;
    this.roll.mark({ range, notes: chosen, box, ghost });
    this.host.selected(this.range, chosen.length);
  }
}
