import type { Steps } from '../core';
import { prepareGuardTables } from '../model';
import {
  builtinCorpus,
  builtinPresets,
  corpusLongestChord,
  fillRecipe,
  generateSteps,
  loadBuiltinCorpus,
  modelFor,
  type Preset,
} from '../presets';
import { type IdlePeriod, idlePeriod, runWhenIdle } from './inTasks';

/** What preparing the built-in presets needs from the page. */
export interface PreparationHost {
  /** The preset on screen: the presets after it in the Preset select are prepared first (→ goes there). */
  current(): string | undefined;
  /** The seed on screen: a preset chosen keeps it, so the tables of the very piece it shows are filled. */
  seed(): number;
  /** Whether the page waits for a corpus the user asked for: preparing waits too, not to compete. */
  busy(): boolean;
}

/**
 * The built-in presets made ready while the page is idle, after the first piece is shown and the
 * audio engine made (issue 17: a preset's first piece within 150 ms of choosing it). For each
 * preset in turn: its corpus chunk fetched (with the models trained at build time), its model read,
 * and a piece composed with the seed on screen and dropped — the model's lazy tables and memos
 * filled and the composer's code compiled, which the first piece of a preset paid for (about
 * 40 of its 55 ms in a trace). Each step runs in an idle period (runWhenIdle), so a click, a frame
 * or the player comes first; a preset chosen meanwhile composes at once as before, sharing what is
 * loaded. Memos give exactly what computing again gives (modelMemo.ts): a prepared preset composes
 * the same piece for the same recipe.
 *
 * With the browser's Save-Data on (a metered connection), nothing is fetched ahead: a corpus is
 * fetched when a preset that uses it is chosen, as before.
 */
export class PresetPreparation {
  private readonly ready = new Set<string>();
  /** Presets whose corpus could not be fetched: choosing one tries again, this does not. */
  private readonly failed = new Set<string>();
  private running: Promise<void> | undefined;

  /** An idle period in which the page is not waiting for a corpus the user asked for. */
  private readonly idle: () => Promise<IdlePeriod>;

  constructor(
    private readonly host: PreparationHost,
    idle: () => Promise<IdlePeriod> = idlePeriod,
  ) {
    this.idle = async () => {
      let period = await idle();
      while (host.busy()) period = await idle();
      return period;
    };
  }

  /** The built-in presets prepared so far, in the Preset select's order. */
  get prepared(): string[] {
    return builtinPresets()
      .map((p) => p.name)
      .filter((name) => this.ready.has(name));
  }

  /** Starts preparing (once); resolves when every built-in preset is prepared or could not be. */
  start(): Promise<void> {
    this.running ??= saveData() ? Promise.resolve() : this.run();
    return this.running;
  }

  private async run(): Promise<void> {
    for (let preset = this.next(); preset; preset = this.next()) {
      // The chunk is fetched (and its models unpacked) off the main thread's idle budget: one
      // request at a time, starting in an idle period.
      await this.idle();
      const loaded = await loadBuiltinCorpus(preset.corpus);
      if (!loaded.ok) {
        this.failed.add(preset.name);
        continue;
      }
      try {
        await runWhenIdle(prepareSteps(preset, this.host.seed()), undefined, this.idle);
        this.ready.add(preset.name);
      } catch {
        // A preset that cannot compose says so when chosen; preparing it again would say nothing.
        this.failed.add(preset.name);
      }
    }
  }

  /** The next preset to prepare: the first one not done after the preset on screen, wrapping round. */
  private next(): Preset | undefined {
    const presets = builtinPresets();
    const at = Math.max(
      0,
      presets.findIndex((p) => p.name === this.host.current()),
    );
    for (let i = 1; i <= presets.length; i++) {
      const p = presets[(at + i) % presets.length];
      if (!this.ready.has(p.name) && !this.failed.has(p.name)) return p;
    }
    return undefined;
  }
}

/**
 * Preparing `preset` (its corpus loaded) a step at a time: its model read (the binary form
 * trained at build time), its originality tables built, the corpus's longest chord measured, then
 * the piece it would show for `seed` composed a phrase per step and dropped.
 */
export function* prepareSteps(preset: Preset, seed: number): Steps<void> {
  const corpus = builtinCorpus(preset.corpus);
  if (!corpus) return;
  const recipe = fillRecipe({ preset: preset.name, seed }, preset);
  const model = modelFor(corpus, { model: { ...preset.model, maxRun: recipe.maxRun } });
  yield;
  // The originality tables the piece's report reads, a few thousand positions per step (else all
  // in the piece's last step: a trace showed one of 50–110 ms, under load).
  yield* prepareGuardTables(model.guards);
  corpusLongestChord(corpus);
  yield;
  const made = yield* generateSteps(recipe);
  if (!made.ok) throw new Error(made.error.message);
}

/** Whether the browser asks pages to save data (Save-Data, a metered connection). */
function saveData(): boolean {
  if (typeof navigator === 'undefined') return false;
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return connection?.saveData === true;
}
