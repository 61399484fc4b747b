import { type Piece, pieceTicks } from '../compose';
import { barTicks, type Ticks } from '../core';

/**
 * Colours of the parts, by track id, when the page sets none; anything else is grey. The page's
 * theme sets them as CSS variables `--roll-<track id>` (app.css), read at each draw.
 */
export const TRACK_COLOURS: Record<string, string> = {
  melody: '#ffb454',
  chords: '#59c2ff',
  bass: '#95e6cb',
};

const LANE = 22; // height of the section lane and of the chord lane, in CSS pixels

/**
 * Draws a piece on a canvas: section labels, chord symbols, bar lines, each track's notes in its
 * colour, and a playhead. The piece is drawn once to an offscreen layer; moving the playhead only
 * copies that layer and draws one line.
 */
export class PianoRoll {
  private layer: HTMLCanvasElement = document.createElement('canvas');
  private piece: Piece | undefined;
  private playheadColour = '#ff5370';

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Draws `piece` (at the canvas's current size). */
  draw(piece: Piece): void {
    this.piece = piece;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(320, this.canvas.clientWidth);
    const height = Math.max(200, this.canvas.clientHeight);
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
    const low = Math.min(...pitches, 48) - 1;
    const high = Math.max(...pitches, 72) + 1;
    const top = 2 * LANE;
    const row = (height - top) / (high - low + 1);
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
    for (const s of piece.sections) g.fillText(s.label, x(s.tick) + 4, LANE / 2);
    let lastSymbol = '';
    let freeFrom = 0; // where the last symbol drawn ends: short chords are left out rather than overprinted
    for (const c of piece.chords) {
      const at = x(c.tick) + 3;
      if (c.symbol !== lastSymbol && x(c.duration) > 14 && at >= freeFrom) {
        g.fillText(c.symbol, at, LANE * 1.5);
        freeFrom = at + g.measureText(c.symbol).width + 4;
      }
      lastSymbol = c.symbol;
    }
    // Accompaniment first, so that the melody is drawn on top.
    for (const track of [...piece.tracks].reverse()) {
      g.fillStyle = css.getPropertyValue(`--roll-${track.id}`).trim() || (TRACK_COLOURS[track.id] ?? '#aab');
      for (const n of track.notes) {
        g.globalAlpha = 0.45 + (0.55 * n.velocity) / 127;
        g.fillRect(x(n.tick), y(n.pitch), Math.max(1.5, x(n.duration) - 1), Math.max(2, row - 1));
      }
    }
    g.globalAlpha = 1;
    this.playhead(0);
  }

  /** Redraws the playhead at `ticks`. */
  playhead(ticks: Ticks): void {
    const g = this.canvas.getContext('2d');
    if (!g || !this.piece) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(this.layer, 0, 0);
    if (ticks <= 0) return;
    const px = (ticks / pieceTicks(this.piece)) * this.canvas.width;
    g.fillStyle = this.playheadColour;
    g.fillRect(Math.round(px), 0, Math.max(2, window.devicePixelRatio || 1), this.canvas.height);
  }
}
