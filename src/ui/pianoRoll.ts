import { type ChordSpan, type Piece, pieceTicks } from '../compose';
import { barTicks, maxOf, minOf, type Ticks } from '../core';
import { ROLL_LANES, ROLL_NOTES_TOP, type SectionSpan, sectionAt, sectionSpans } from './rollSections';

/**
 * Colours of the parts, by track id, when the page sets none; anything else is grey. The page's
 * theme sets them as CSS variables `--roll-<track id>` (app.css), read at each draw.
 */
export const TRACK_COLOURS: Record<string, string> = {
  melody: '#ffb454',
  chords: '#59c2ff',
  bass: '#95e6cb',
};

/**
 * Draws a piece on a canvas: section labels, chord symbols and roman numerals, bar lines, each
 * track's notes in its colour, the looped section and a playhead. The piece is drawn once to an
 * offscreen layer; moving the playhead only copies that layer and draws one line.
 */
export class PianoRoll {
  private layer: HTMLCanvasElement = document.createElement('canvas');
  private piece: Piece | undefined;
  private width = 0;
  private looped: SectionSpan | undefined;
  private head: Ticks = 0;
  private playheadColour = '#ff5370';
  /** Pitches shown, and where the rows are (set at each draw). */
  private view = { low: 47, high: 73, row: 1, height: 200 };
  private marks: RollMarks = {};

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Draws `piece` (at the canvas's current size). */
  draw(piece: Piece): void {
    this.piece = piece;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(320, this.canvas.clientWidth);
    const height = Math.max(200, this.canvas.clientHeight);
    this.width = width;
    for (const c of [this.canvas, this.layer]) {
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
    }
    const g = this.layer.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    const css = getComputedStyle(this.canvas);
    const ink = css.getPropertyValue('--roll-ink').trim() || '#c9d1e0';
    const grid = css.getPropertyValue('--roll-grid').trim() || '#2a3345';
    this.playheadColour = css.getPropertyValue('--roll-playhead').trim() || '#ff5370';
    g.fillStyle = css.getPropertyValue('--roll-bg').trim() || '#141a26';
    g.fillRect(0, 0, width, height);

    const total = pieceTicks(piece);
    const x = (t: Ticks) => (t / total) * width;
    const pitches = piece.tracks.flatMap((t) => t.notes.map((n) => n.pitch));
    const low = Math.min(minOf(pitches), 48) - 1;
    const high = Math.max(maxOf(pitches), 72) + 1;
    const top = ROLL_NOTES_TOP;
    const row = (height - top) / (high - low + 1);
    this.view = { low, high, row, height };
    const y = (p: number) => top + (high - p) * row;

    const bar = barTicks(piece.meter);
    g.strokeStyle = grid;
    g.lineWidth = 1;
    for (let t = 0; t <= total; t += bar) {
      g.beginPath();
      g.moveTo(Math.round(x(t)) + 0.5, 0);
      g.lineTo(Math.round(x(t)) + 0.5, height);
      g.stroke();
    }
    g.font = '12px system-ui, sans-serif';
    g.textBaseline = 'middle';
    g.fillStyle = ink;
    for (const s of piece.sections) g.fillText(s.label, x(s.tick) + 4, ROLL_LANES.section / 2);
    const symbolY = ROLL_LANES.section + ROLL_LANES.symbol / 2;
    const romanY = ROLL_LANES.section + ROLL_LANES.symbol + ROLL_LANES.roman / 2;
    // A label is left out where it would run into the one before (short chords when zoomed out).
    const lanes = [
      { font: '12px system-ui, sans-serif', y: symbolY, text: (c: ChordSpan) => c.symbol },
      { font: '11px Georgia, serif', y: romanY, text: (c: ChordSpan) => c.roman },
    ];
    const changes = piece.chords.filter((c, i) => i === 0 || c.symbol !== piece.chords[i - 1].symbol);
    for (const lane of lanes) {
      g.font = lane.font;
      let end = 0;
      for (const c of changes) {
        const at = x(c.tick) + 3;
        if (at < end) continue;
        const text = lane.text(c);
        g.fillText(text, at, lane.y);
        end = at + g.measureText(text).width + 4;
      }
    }
    // Accompaniment first, so that the melody is drawn on top.
    for (const track of [...piece.tracks].reverse()) {
      // By id, else by role (a chorale's alto and tenor are chords parts).
      g.fillStyle =
        css.getPropertyValue(`--roll-${track.id}`).trim() ||
        css.getPropertyValue(`--roll-${track.role}`).trim() ||
        (TRACK_COLOURS[track.id] ?? TRACK_COLOURS[track.role] ?? '#aab');
      for (const n of track.notes) {
        g.globalAlpha = 0.45 + (0.55 * n.velocity) / 127;
        g.fillRect(x(n.tick), y(n.pitch), Math.max(1.5, x(n.duration) - 1), Math.max(2, row - 1));
      }
    }
    g.globalAlpha = 1;
    this.playhead(0);
  }

  /** Marks a looped section (or none) on the roll. */
  highlight(span: SectionSpan | undefined): void {
    this.looped = span;
    this.playhead(this.head);
  }

  /** The section whose band is at (x, y), CSS pixels from the canvas's top left corner. */
  sectionAt(x: number, y: number): SectionSpan | undefined {
    if (!this.piece) return undefined;
    return sectionAt(sectionSpans(this.piece), pieceTicks(this.piece), this.width, x, y);
  }

  /** The piece's tick at `x` CSS pixels from the left. */
  tickAt(x: number): Ticks {
    return this.piece ? (x / this.width) * pieceTicks(this.piece) : 0;
  }
  /** The x (CSS pixels) of a tick. */
  xOf(tick: Ticks): number {
    return this.piece ? (tick / pieceTicks(this.piece)) * this.width : 0;
  }
  /** The pitch of the row at `y` CSS pixels from the top (meaningful below the lanes). */
  pitchAt(y: number): number {
    return this.view.high - Math.floor((y - ROLL_NOTES_TOP) / this.view.row);
  }
  /** The y (CSS pixels) of the top of a pitch's row. */
  yOf(pitch: number): number {
    return ROLL_NOTES_TOP + (this.view.high - pitch) * this.view.row;
  }
  /** Height of a pitch's row in CSS pixels. */
  get rowHeight(): number {
    return this.view.row;
  }

  /** Marks the selection on the roll: a span of ticks, chosen notes, a box being dragged, notes being moved. */
  mark(marks: RollMarks): void {
    this.marks = marks;
    this.playhead(this.head);
  }

  /** Redraws the playhead at `ticks`. */
  playhead(ticks: Ticks): void {
    this.head = ticks;
    const g = this.canvas.getContext('2d');
    if (!g || !this.piece) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(this.layer, 0, 0);
    this.drawMarks(g);
    const scale = this.canvas.width / pieceTicks(this.piece);
    if (this.looped) {
      const { start, end } = this.looped;
      g.fillStyle = 'rgba(255, 180, 84, 0.16)';
      g.fillRect(start * scale, 0, (end - start) * scale, this.canvas.height);
      g.fillStyle = 'rgba(255, 180, 84, 0.85)';
      g.fillRect(start * scale, 0, (end - start) * scale, 4 * (window.devicePixelRatio || 1));
    }
    if (ticks <= 0) return;
    const px = ticks * scale;
    g.fillStyle = this.playheadColour;
    g.fillRect(Math.round(px), 0, Math.max(2, window.devicePixelRatio || 1), this.canvas.height);
  }

  private drawMarks(g: CanvasRenderingContext2D): void {
    const { range, notes, box, ghost } = this.marks;
    const ratio = window.devicePixelRatio || 1;
    g.save();
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (range) {
      g.fillStyle = 'rgba(89, 194, 255, 0.14)';
      g.fillRect(
        this.xOf(range.start),
        ROLL_LANES.section,
        this.xOf(range.end) - this.xOf(range.start),
        this.view.height,
      );
      g.fillStyle = 'rgba(89, 194, 255, 0.8)';
      g.fillRect(this.xOf(range.start), ROLL_LANES.section, this.xOf(range.end) - this.xOf(range.start), 3);
    }
    const outline = (n: { tick: Ticks; duration: Ticks; pitch: number }, colour: string) => {
      g.strokeStyle = colour;
      g.lineWidth = 2;
      g.strokeRect(this.xOf(n.tick), this.yOf(n.pitch), Math.max(3, this.xOf(n.duration)), Math.max(3, this.view.row));
    };
    for (const n of notes ?? []) outline(n, '#ff5370');
    for (const n of ghost ?? []) outline(n, 'rgba(255, 83, 112, 0.55)');
    if (box) {
      g.strokeStyle = '#ff5370';
      g.lineWidth = 1;
      g.setLineDash([4, 3]);
      g.strokeRect(box.x, box.y, box.width, box.height);
    }
    g.restore();
  }
}

/** What {@link PianoRoll.mark} draws over the piece. */
export interface RollMarks {
  range?: { start: Ticks; end: Ticks };
  notes?: readonly { tick: Ticks; duration: Ticks; pitch: number }[];
  box?: { x: number; y: number; width: number; height: number };
  /** Where notes being dragged would land. */
  ghost?: readonly { tick: Ticks; duration: Ticks; pitch: number }[];
}
