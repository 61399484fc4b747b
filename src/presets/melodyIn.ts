import { answerBeat, answerPhrase, type Edit, MIN_NOTE, resolveOptions } from '../compose';
import { barTicks, err, maxOf, ok, type Result, type Ticks } from '../core';
import type { CorpusPiece, Note } from '../corpus';
import { composeOptions, type GenerateOptions, generate } from './generate';
import { checkRecipe, type Recipe } from './recipe';
import { LIMITS } from './schema';

/** A melody that cannot be taken in, with the reason. */
export interface MelodyError {
  code: 'melody';
  message: string;
}

/** The melody of an imported piece: its melody track, else its first track with notes (drums aside). */
export function melodyOf(piece: CorpusPiece): Note[] {
  const track =
    piece.tracks.find((t) => t.role === 'melody' && t.notes.length > 0) ??
    piece.tracks.find((t) => t.role !== 'drums' && t.notes.length > 0);
  return [...(track?.notes ?? [])].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/**
 * A recipe whose piece is a melody of the user's with the rest composed around it: the piece's key,
 * mode, meter and tempo, enough bars to hold it (a single-letter form, no intro), and as edits the
 * melody put in place of the composed one, then `then` (harmonize it, or answer it). Refused with a
 * message when there is no melody, or when its meter, key or length cannot be composed.
 */
export function recipeAround(
  piece: CorpusPiece,
  base: { preset: string; seed: number },
  then: (bars: number, end: number) => Edit[],
  /** The bars of the piece for a melody ending at `end` (ticks); default: the melody's own, at least 4. */
  barsFor?: (end: Ticks) => number,
): Result<Recipe, MelodyError> {
  const fail = (message: string) => err<MelodyError>({ code: 'melody', message });
  const melody = melodyOf(piece);
  if (melody.length === 0) return fail(`${piece.id} has no melody (no track with notes)`);
  const bar = barTicks(piece.meter);
  const end = maxOf(melody.map((n) => n.tick + n.duration));
  const bars = Math.max(LIMITS.bars.min, barsFor ? barsFor(end) : Math.ceil(end / bar));
  if (bars > LIMITS.bars.max)
    return fail(`the melody is ${bars} bars long; at most ${LIMITS.bars.max} can be composed`);
  const tempo = Math.min(LIMITS.tempo.max, Math.max(LIMITS.tempo.min, Math.round(piece.tempo)));
  const notes = melody.map((n) => ({ ...n, duration: Math.max(MIN_NOTE, n.duration) }));
  const recipe: Recipe = {
    ...base,
    bars,
    tempo,
    key: piece.key,
    mode: piece.mode,
    meter: [piece.meter[0], piece.meter[1]] as Recipe['meter'],
    form: 'A',
    edits: [
      { op: 'clear', track: 'melody', from: 0, to: bars * bar },
      { op: 'add', track: 'melody', notes },
      ...then(bars, Math.ceil(end / bar)),
    ],
  };
  const checked = checkRecipe(recipe);
  if (!checked.ok) return fail(`the melody cannot be composed around: ${checked.error.message}`);
  return ok(checked.value);
}

/**
 * The recipe of Harmonize: the melody of `piece`, with chords, bass and drums from the preset's
 * model around it (the harmony the most probable for the melody).
 */
export function harmonizeRecipe(piece: CorpusPiece, base: { preset: string; seed: number }) {
  return recipeAround(piece, base, (bars) => [{ op: 'harmonize', from: 0, to: bars }]);
}

/**
 * The recipe of Continue: the phrase of `piece` (the call), harmonized, then the model's answer of
 * `answerBars` bars starting on the beat after a beat of silence — as edits, so the file, the share
 * link and the provenance hold both.
 */
export function continueRecipe(
  piece: CorpusPiece,
  base: { preset: string; seed: number },
  answerBars: number,
  options: GenerateOptions = {},
): Result<Recipe, MelodyError> {
  const fail = (message: string) => err<MelodyError>({ code: 'melody', message });
  const call = melodyOf(piece);
  const bar = barTicks(piece.meter);
  const due = answerBeat(call, piece.meter);
  const callBars = Math.ceil(
    maxOf(
      call.map((n) => n.tick + n.duration),
      0,
    ) / bar,
  );
  const around = recipeAround(
    piece,
    base,
    () => [{ op: 'harmonize', from: 0, to: Math.max(1, callBars) }],
    () => Math.ceil((due + answerBars * bar) / bar),
  );
  if (!around.ok) return around;
  const recipe = around.value;
  const g = generate(recipe, options);
  if (!g.ok) return fail(g.error.message);
  const o = resolveOptions(composeOptions(g.value.preset, g.value.recipe));
  const answer = answerPhrase(g.value.piece, g.value.model, o, { call, due, bars: answerBars, seed: base.seed });
  if (answer.length === 0) return fail('the model found no answer');
  const checked = checkRecipe({
    ...recipe,
    edits: [...(recipe.edits ?? []), { op: 'add', track: 'melody', notes: answer }],
  });
  return checked.ok ? ok(checked.value) : fail(checked.error.message);
}
