import { type Piece, pieceTicks } from '../compose';
import { barTicks, type Ticks } from '../core';
import { t } from './i18n';

/** Heights of the lanes above the notes on the piano roll, in CSS pixels. */
export const ROLL_LANES = {
  /** Section labels (the band a click loops). */
  section: 22,
  /** Chord symbols. */
  symbol: 20,
  /** Roman numerals. */
  roman: 18,
} as const;

/** Where the notes start on the roll, in CSS pixels from the top. */
export const ROLL_NOTES_TOP = ROLL_LANES.section + ROLL_LANES.symbol + ROLL_LANES.roman;

/** One section of the form as the roll and the "Loop section" list show it. */
export interface SectionSpan {
  /** Position in `piece.sections`. */
  index: number;
  label: string;
  start: Ticks;
  end: Ticks;
  /** First and last bar, from 1. */
  firstBar: number;
  lastBar: number;
}

/** The sections of a piece with their tick ranges and bars (a section ends where the next starts). */
export function sectionSpans(piece: Piece): SectionSpan[] {
  const bar = barTicks(piece.meter);
  const total = pieceTicks(piece);
  return piece.sections.map((s, index) => {
    const next = piece.sections[index + 1]?.tick;
    const end = Math.min(total, next ?? s.tick + s.bars * bar);
    return {
      index,
      label: s.label,
      start: s.tick,
      end,
      firstBar: Math.floor(s.tick / bar) + 1,
      lastBar: Math.ceil(end / bar),
    };
  });
}

/** "A (bars 5–12)", "outro (bar 33)". */
export function sectionName(span: SectionSpan): string {
  const { label, firstBar: first, lastBar: last } = span;
  return first === last
    ? t('{label} (bar {bar})', { label, bar: first })
    : t('{label} (bars {first}–{last})', { label, first, last });
}

/**
 * The section under a point of the roll: `x` from the left and `y` from the top in CSS pixels, on a
 * roll `width` pixels wide showing `total` ticks. Only the section band (the top lane) answers;
 * undefined elsewhere or outside the piece.
 */
export function sectionAt(
  spans: readonly SectionSpan[],
  total: Ticks,
  width: number,
  x: number,
  y: number,
): SectionSpan | undefined {
  if (y < 0 || y >= ROLL_LANES.section || x < 0 || x >= width || total <= 0 || width <= 0) return undefined;
  const tick = (x / width) * total;
  return spans.find((s) => tick >= s.start && tick < s.end);
}

/** The x (CSS pixels) of the middle of a section's label band, e.g. to click it. */
export function sectionCentre(span: SectionSpan, total: Ticks, width: number): { x: number; y: number } {
  return { x: (((span.start + span.end) / 2) * width) / total, y: ROLL_LANES.section / 2 };
}
