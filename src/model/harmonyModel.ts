import { barTicks } from '../core';
import { romanOf } from '../corpus/theory';
import type { CorpusPiece } from '../corpus/types';
import { START, type VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';
import { type ModeFamily, modeFamily } from './modeFamily';

/*
 * Harmony tokens are key-relative chords with their lengths: "V7|6" is a dominant seventh lasting
 * half a bar, in twelfths of a bar (halves, thirds, quarters and sixths of 4/4, 3/4 and 6/8 bars
 * alike). The chain predicts a token from the previous N chords and, as the last (most telling)
 * context token, the mode family and position in the phrase: "M2+6" is the middle of the third bar
 * of a phrase in a major-like mode, with phrases of `phraseBars` bars counted from the first chord's bar. The position is context rather
 * than part of the token, so the predicted alphabet stays small and cadences are learned per bar.
 */

/** A bar is 12 twelfths; chord lengths and positions are counted in them. */
export const TWELFTHS_PER_BAR = 12;
/** Longest chord token: four bars. */
export const MAX_CHORD_TWELFTHS = 48;

/** A chord of a phrase: roman numeral with quality, and length in twelfths of a bar. */
export interface HarmonyChord {
  readonly roman: string;
  readonly twelfths: number;
}

/** "V7|6". */
export function harmonyToken(chord: HarmonyChord): string {
  return `${chord.roman}|${chord.twelfths}`;
}

/** Reads a harmony token; null when it is not one. */
export function parseHarmonyToken(token: string): HarmonyChord | null {
  const bar = token.lastIndexOf('|');
  const twelfths = Number(token.slice(bar + 1));
  if (bar <= 0 || !Number.isInteger(twelfths) || twelfths < 1) return null;
  return { roman: token.slice(0, bar), twelfths };
}

/**
 * The position token of a chord starting `twelfths` after the phrase start: the mode family, the
 * bar in the phrase and the offset in the bar ("M2+6").
 */
export function phrasePositionToken(twelfths: number, phraseBars: number, family: ModeFamily): string {
  const bar = Math.floor(twelfths / TWELFTHS_PER_BAR);
  return `${family}${((bar % phraseBars) + phraseBars) % phraseBars}+${twelfths - bar * TWELFTHS_PER_BAR}`;
}

/** The context of a chord: the previous `order` tokens (padded with START), then its position token. */
export function harmonyContext(history: readonly string[], position: string, order: number): string[] {
  const context = history.slice(Math.max(0, history.length - order));
  while (context.length < order) context.unshift(START);
  context.push(position);
  return context;
}

/** Trie depth of the harmony chain that uses `order` previous chords (the position is depth 1). */
export const harmonyDepth = (order: number): number => order + 1;

/** A piece's harmony as tokens with their position tokens; chords tonal cannot read are left out. */
export function harmonyLine(piece: CorpusPiece, phraseBars: number): { tokens: string[]; positions: string[] } {
  const bar = barTicks(piece.meter);
  const chords = [...(piece.chords ?? [])].sort((a, b) => a.tick - b.tick);
  const anchor = chords.length > 0 ? Math.floor(chords[0].tick / bar) * bar : 0;
  const tokens: string[] = [];
  const positions: string[] = [];
  for (const c of chords) {
    const roman = romanOf(c.symbol, piece.key);
    const twelfths = Math.min(MAX_CHORD_TWELFTHS, Math.round((c.duration * TWELFTHS_PER_BAR) / bar));
    if (roman === '' || twelfths < 1) continue;
    tokens.push(harmonyToken({ roman, twelfths }));
    positions.push(
      phrasePositionToken(Math.round(((c.tick - anchor) * TWELFTHS_PER_BAR) / bar), phraseBars, modeFamily(piece.mode)),
    );
  }
  return { tokens, positions };
}

/** Trains the harmony chain on every piece with chords. */
export function trainHarmonyChain(pieces: readonly CorpusPiece[], order: number, phraseBars: number): VariableChain {
  const builder = createChainBuilder({ order: harmonyDepth(order) });
  for (const piece of pieces) {
    const { tokens, positions } = harmonyLine(piece, phraseBars);
    tokens.forEach((token, i) => {
      builder.addEvent(harmonyContext(tokens.slice(Math.max(0, i - order), i), positions[i], order), token);
    });
  }
  return builder.finish();
}
