import type { Meter } from '../core';
import { type ContextEvent, START, type VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';
import type { MelodyLine, RhythmEvent } from './melodyLine';
import { barPositionToken, type Units } from './metric';

/*
 * The rhythm of a melody, note by note (rests included): a chain over duration tokens — "12" a note
 * of a quarter, "r6" an eighth rest — whose context is the previous N tokens followed by the meter
 * and the onset's position in the bar ("6/8@18"), the most telling feature, hence the last context
 * token: order 0 of the history is P(duration | meter, position in the bar).
 */

/** The rhythm token of a note or rest. */
export function rhythmToken(e: Pick<RhythmEvent, 'units' | 'rest'>): string {
  return e.rest ? `r${e.units}` : `${e.units}`;
}

/** Reads a rhythm token; null when it is not one. */
export function parseRhythmToken(token: string): { units: Units; rest: boolean } | null {
  const m = /^(r?)([1-9][0-9]*)$/.exec(token);
  return m ? { units: Number(m[2]), rest: m[1] === 'r' } : null;
}

/**
 * Durations every rhythm model may predict even if its corpus lacks them, in units (twelfths of a
 * quarter): sixteenth to whole, dotted and triplet values, and the common rests.
 */
export const RHYTHM_VOCABULARY: readonly string[] = [
  ...[3, 4, 6, 8, 9, 12, 16, 18, 24, 36, 48].map(String),
  ...[3, 6, 12, 18, 24, 36, 48].map((u) => `r${u}`),
];

/** The context of the rhythm token at `position` (units from a bar line) after `history` (tokens, oldest first). */
export function rhythmContext(history: readonly string[], position: Units, meter: Meter, order: number): string[] {
  const context = history.slice(Math.max(0, history.length - order));
  while (context.length < order) context.unshift(START);
  context.push(barPositionToken(position, meter));
  return context;
}

/** Trie depth of the rhythm chain that uses `order` previous tokens (the bar position is depth 1). */
export const rhythmDepth = (order: number): number => order + 1;

/** The training events of one melody's rhythm. */
export function rhythmEvents(line: MelodyLine, order: number): ContextEvent[] {
  const tokens = line.rhythm.map(rhythmToken);
  return line.rhythm.map((e, i) => ({
    context: rhythmContext(tokens.slice(0, i), e.onset, line.meter, order),
    token: tokens[i],
  }));
}

/** Trains the rhythm chain on melodies: `order` previous durations plus the bar position. */
export function trainRhythmChain(lines: readonly MelodyLine[], order: number): VariableChain {
  const builder = createChainBuilder({ order: rhythmDepth(order), vocabulary: RHYTHM_VOCABULARY });
  for (const line of lines) for (const e of rhythmEvents(line, order)) builder.addEvent(e.context, e.token);
  return builder.finish();
}
