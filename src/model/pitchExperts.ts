import { START } from './chain';
import type { PitchLine } from './lineStore';
import type { ChordContext } from './melodyLine';
import type { MetricStrength, Units } from './metric';
import type { ModeFamily } from './modeFamily';
import type { PieceMemory } from './pieceMemory';

/*
 * A melody note's pitch is predicted by four experts, each a variable-order chain that sees the note
 * from its own angle (Conklin & Witten's multiple viewpoints), combined log-linearly in pitchModel.ts:
 *
 *   contour  — the interval from the previous note, after the previous intervals with their lengths
 *              and the current note's length ("leaps come on long notes, runs on short ones");
 *   tonal    — the interval, after the previous intervals and the previous note's scale degree
 *              ("where in the scale we are decides where a step goes");
 *   scale    — the scale degree (semitones above the tonic, 0–11), after the previous degrees, the
 *              mode family, the metric strength and the chord root ("on a downbeat over V, the 2nd, 5th or 7th");
 *   harmony  — the pitch relative to the chord root, after the chord, the metric strength and the
 *              previous pitch relative to this chord (it abstains where the chord is unknown).
 *
 * Every token is relative to the key (degrees) or to the previous note (intervals), so the model is
 * transposition-invariant. Contexts list the most telling token last (back-off drops from the front).
 */

/** The experts, in a fixed order. */
export const EXPERTS = ['contour', 'tonal', 'scale', 'harmony'] as const;
export type ExpertName = (typeof EXPERTS)[number];

/** The largest interval the model represents, in semitones; larger leaps are cut to it. */
export const MAX_INTERVAL = 24;
/**
 * The candidates of a melody's first note are centred here, the tonic from middle C up (key-relative).
 * Only the octave-blind experts (scale, harmony) predict that note, so transposing a piece changes
 * nothing even when its key-relative pitches move by an octave.
 */
export const REFERENCE_PITCH = 60;
/** The longest context of the piece memory (pieceMemory.ts), in notes. */
export const MEMORY_ORDER = 8;
/** Candidates for a note: every pitch within {@link MAX_INTERVAL} of the previous one. */
export const CANDIDATES = 2 * MAX_INTERVAL + 1;

/** One earlier note as the contexts see it. */
export interface HistoryNote {
  /** Interval from the note before it, clamped; null for a melody's first note. */
  readonly interval: number | null;
  /** Scale degree, semitones above the tonic, 0–11. */
  readonly degree: number;
  readonly units: Units;
}

/** What is known when a note's pitch is predicted. */
export interface PitchSituation {
  /** The previous note's key-relative pitch; null at the start of a melody. */
  readonly previous: number | null;
  /** The previous notes, oldest first (the last `order` are used). */
  readonly history: readonly HistoryNote[];
  readonly units: Units;
  readonly strength: MetricStrength;
  readonly chord: ChordContext | null;
  readonly family: ModeFamily;
  /** What the piece itself played before this note (the short-term model); none when undefined. */
  readonly memory?: PieceMemory;
}

export const mod12 = (n: number): number => ((n % 12) + 12) % 12;
export const clampInterval = (i: number): number => Math.max(-MAX_INTERVAL, Math.min(MAX_INTERVAL, i));
/** The pitch intervals are measured from in `s`. */
export const basePitch = (s: PitchSituation): number => s.previous ?? REFERENCE_PITCH;

/** Tokens every expert may predict: intervals −24..24 or pitch classes 0..11. */
export function expertVocabulary(name: ExpertName): string[] {
  return name === 'contour' || name === 'tonal'
    ? Array.from({ length: CANDIDATES }, (_, i) => String(i - MAX_INTERVAL))
    : Array.from({ length: 12 }, (_, i) => String(i));
}

/** Longest context of an expert whose history holds `order` notes. */
export const expertOrder = (name: ExpertName, order: number): number => (name === 'harmony' ? 3 : order + 1);

/** The experts and the piece memory: what the pitch model weighs. */
export type WeightName = ExpertName | 'memory';

/**
 * The trie depth at which an expert uses at most `order` previous notes (features stay in); for
 * the piece memory, its context in notes (twice the order: a tune's figures are long).
 */
export function expertDepth(name: WeightName, order: number): number {
  if (name === 'memory') return Math.min(MEMORY_ORDER, 2 * order);
  if (name === 'harmony') return order === 0 ? 2 : 3;
  if (name === 'tonal') return order === 0 ? 0 : order + 1;
  return order + 1;
}

/** Depth of each expert in the order-1 projection: what depends on the previous pitch alone. */
export const PROJECTION_DEPTH: Readonly<Record<ExpertName, number>> = { contour: 1, tonal: 1, scale: 2, harmony: 3 };

const recent = <T>(items: readonly T[], n: number): T[] => items.slice(Math.max(0, items.length - n));

/** The context of an expert in a situation; null when it abstains (intervals at a melody's first note, harmony without a chord). */
export function expertContext(name: ExpertName, s: PitchSituation, order: number): string[] | null {
  const h = recent(s.history, order);
  switch (name) {
    case 'contour':
      if (s.previous === null) return null;
      return [...h.map((n) => `${n.interval ?? '^'}|${n.units}`), `${s.units}`];
    case 'tonal':
      if (s.previous === null) return null;
      return [...h.map((n) => `${n.interval ?? '^'}`), `d${mod12(s.previous)}`];
    case 'scale':
      return [...h.map((n) => `${n.degree}`), `${s.family}${s.strength}${s.chord ? s.chord.root : '?'}`];
    case 'harmony':
      if (!s.chord) return null;
      return [s.previous === null ? START : `p${mod12(s.previous - s.chord.root)}`, s.chord.roman, s.strength];
  }
}

/** What an expert predicts for candidate `pitch` (key-relative); null when it abstains. */
export function expertTarget(name: ExpertName, s: PitchSituation, pitch: number): string | null {
  switch (name) {
    case 'contour':
    case 'tonal':
      return s.previous === null ? null : String(clampInterval(pitch - s.previous));
    case 'scale':
      return String(mod12(pitch));
    case 'harmony':
      return s.chord ? String(mod12(pitch - s.chord.root)) : null;
  }
}

/** The situation of every note of a melody, with up to `order` previous notes each. */
export function pitchSituations(line: PitchLine, order: number): PitchSituation[] {
  const history: HistoryNote[] = [];
  let previous: number | null = null;
  return line.notes.map((n) => {
    const s: PitchSituation = {
      previous,
      history: recent(history, order),
      units: n.units,
      strength: n.strength,
      chord: n.chord,
      family: line.family,
    };
    history.push({
      interval: previous === null ? null : clampInterval(n.pitch - previous),
      degree: mod12(n.pitch),
      units: n.units,
    });
    previous = n.pitch;
    return s;
  });
}
