import type { Result } from '../core';
import type { MixerState } from '../engine/graph/mixer';
import type { MidiPort } from '../engine/play/midiOut';
import type { Player } from '../engine/play/player';
import type { MuseModel } from '../model';
import {
  builtinPresets,
  type FullRecipe,
  fillRecipe,
  findPreset,
  type Generated,
  type GenerateError,
  type GenerateOptions,
  generate,
  generateSteps,
  LIMITS,
  type ModelChoice,
  midiFileName,
  midiOf,
  presetForModel,
  type Recipe,
} from '../presets';
import { startAppShortcuts } from './appShortcuts';
import { type BlendableModel, BlendControls } from './blendControls';
import { CorpusLoading } from './corpusLoading';
import { Editing, keptEdits, sameRecipe } from './editing';
import { EndlessSwitch } from './endless';
import { showExportRange, startExportMenu } from './exportMenu';
import { startGenerationPanel } from './generationPanel';
import { startHarmonize } from './harmonizeTools';
import { t } from './i18n';
import { nextTask, runInTasks, whenIdle } from './inTasks';
import { LivePlay } from './livePlay';
import { startMidiOutput } from './midiOutput';
import { MixerPanel } from './mixer';
import { exposeMuse } from './museHook';
import { startRecipeOpening } from './openRecipe';
import { OriginalityPanel } from './originalityPanel';
import { PianoRoll } from './pianoRoll';
import { describePiece, showLegend, titlesOf } from './pieceSummary';
import { PresetLibrary } from './presetLibrary';
import { PresetPanel } from './presetPanel';
import { PresetPreparation } from './presetPreparation';
import { randomSeed, recipeFields } from './recipeFields';
import { SampleLoading } from './sampleLoading';
import { SamplesPanel } from './samplesPanel';
import { SectionLoop } from './sectionLoop';
import { saveSettings } from './settings';
import { THEME_EVENT } from './theme';
import { Transport } from './transport';
import { startWavExport } from './wavExport';

/** How long a piece shown waits at most for an idle moment to be loaded into the player (ms). */
const LOAD_WITHIN_MS = 300;
/** How long after a piece is asked for the samples' loading waits (ms). */
const QUIET_MS = 300;

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/**
 * Wires the page: fields → recipe → piece → piano roll and mixer; the transport (Play, Pause, Stop,
 * Loop; audio starts on the page's first gesture); Regenerate; Export MIDI and Export WAV; MIDI output.
 */
/** The user's trained models as the page's Blend reads them (userModels.ts). */
export interface ModelLibrary {
  ready: Promise<void>;
  list(): BlendableModel[];
  cached(hash: string): ModelChoice | undefined;
  load(hash: string): Promise<ModelChoice | undefined>;
  onChange(listen: () => void): void;
}

export function startApp(): {
  useModel(choice: { model: MuseModel; name: string } | undefined): Promise<void>;
  useModelLibrary(library: ModelLibrary): void;
} {
  const preset = element<HTMLSelectElement>('preset');
  const seed = element<HTMLInputElement>('seed');
  const tempo = element<HTMLInputElement>('tempo');
  const bars = element<HTMLInputElement>('bars');
  const generation = startGenerationPanel(element('generation'));
  const regenerate = element<HTMLButtonElement>('regenerate');
  const exportMidi = element<HTMLButtonElement>('export-midi');
  const status = element<HTMLParagraphElement>('status');
  const description = element<HTMLParagraphElement>('preset-description');
  const legend = element<HTMLElement>('legend');
  const roll = new PianoRoll(element<HTMLCanvasElement>('piano-roll'));

  for (const p of builtinPresets()) preset.add(new Option(p.name, p.name));
  let current: Generated | undefined;
  /** Every preset by name: built-in, the user's, from share links, and unsaved edits. */
  const library = new PresetLibrary();
  const exportMenu = element<HTMLElement>('export-menu');
  let midi: { port: MidiPort | undefined; builtIn: boolean } = { port: undefined, builtIn: true };
  /** A model of the user's (the Model select) instead of the preset's own corpus. */
  let userModel: { model: MuseModel; name: string } | undefined;
  /** The preset chosen before the user's model fitted its own, to return to without the model. */
  let beforeModel: string | undefined;
  /** The user's trained models, for a blend that names one. */
  let modelLibrary: ModelLibrary | undefined;
  let modelsListed = false;

  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };
  const originality = new OriginalityPanel(element('originality'));

  const mixer = new MixerPanel(element('mixer'), (id, change) => transport.current?.setChannel(id, change));

  const samplesPanel = new SamplesPanel(element('samples-panel'), {
    use: (name) => panel.useSamples(name),
    changed: () => panel?.samplesChanged(),
  });
  /** The samples of Sampler parts, loaded when a preset first needs them. */
  const samples = new SampleLoading({
    say,
    user: (name) => samplesPanel.read(name),
    progress: element('samples-progress'),
    // The piece of a preset just chosen goes first: it is what the user waits for (issue 17).
    giveWay: () => quiet(),
    saying: () => status.textContent,
  });
  /** Loads the piece on screen into `player` (once its samples are there; until then the piece before plays on). */
  const loadPlayer = (player = transport.current) => {
    if (!player || !current) return;
    const sound = current.sound;
    if (!samples.ready(sound, () => loadPlayer())) return;
    player.libraries = samples.libraries;
    try {
      if (!endless.loadInto(player, current)) player.load(current.piece, sound);
    } catch (e) {
      say(t('This sound cannot play here: {reason}', { reason: e instanceof Error ? e.message : String(e) }), true);
    }
  };

  /*
   * A piece shown is loaded into the player once the page is idle, not in the task that shows it:
   * building its sound (instruments, effects: tens of milliseconds for some presets) then does
   * not hold the new piece off the screen (issue 17: a preset's piece within 150 ms), nor the
   * next preset chosen right after — presets gone through one after another (the select's arrow
   * keys) build only the last one's sound. Play loads a pending piece first, so it never plays
   * the piece before.
   */
  let pendingLoad: (() => void) | undefined;
  const loadPlayerSoon = () => {
    pendingLoad ??= whenIdle(loadPending, LOAD_WITHIN_MS);
  };
  const loadPending = () => {
    if (pendingLoad === undefined) return;
    pendingLoad();
    pendingLoad = undefined;
    loadPlayer();
  };

  const endless = new EndlessSwitch(element('endless'), element('loop'), {
    roll,
    say,
    engine: (g) => g.sound,
    current: () => current,
    player: () => transport.current,
  });

  const transport = new Transport(
    {
      play: element('play'),
      pause: element('pause'),
      stop: element('stop'),
      loop: element('loop'),
      position: element('position'),
      level: element('level'),
    },
    {
      load: (player) => loadPlayer(player),
      beforePlay: () => {
        playAsked = true;
        loadPending();
      },
      meter: () => current?.piece.meter,
      playhead: (ticks) => roll.playhead(endless.playhead(ticks)),
      say,
      ready: (player: Player) => {
        applyMixer(player, mixer.mixer);
        player.setMidiOutput(midi.port, midi.builtIn);
      },
    },
  );

  const sections = new SectionLoop(
    { select: element('loop-section'), canvas: element('piano-roll') },
    roll,
    transport,
    say,
  );

  const fields = recipeFields({ preset, seed, tempo, bars, generation }, say);
  const { read: readRecipe } = fields;
  const blendControls = new BlendControls(
    {
      corpus: element('blend'),
      weight: element('blend-weight'),
      weightValue: element('blend-weight-value'),
      leans: element('blend-lean'),
    },
    () => update(),
  );
  /** Shows a recipe in the fields, its blend included. */
  const fill = (recipe: FullRecipe) => {
    fields.fill(recipe);
    blendControls.fill(recipe.blend);
  };

  /** The built-in corpora are fetched on demand: a preset composes once its corpus has arrived. */
  const corpora = new CorpusLoading({ say, retry: () => update() });
  let opened: FullRecipe['edits'];
  /** Bumped by every update: a piece still being composed in steps for an older one is dropped. */
  let turn = 0;
  /** Settles once the piece being composed in steps (if any) is shown or dropped. */
  let composing: Promise<void> = Promise.resolve();

  /** What to compose for the fields as they are, or undefined when it cannot be yet. */
  const nextPiece = (): { recipe: Recipe; options: GenerateOptions } | undefined => {
    const read = readRecipe();
    if (!read) return;
    const chosen = library.resolve(read.preset);
    // Not loaded yet: the piece on screen stays, and update runs again when the corpus is there.
    if (!userModel && chosen && !corpora.ready(chosen.corpus)) return;
    const blend = blendControls.read();
    if (blend && !blend.model && !corpora.ready(blend.corpus)) return;
    // A blend with a trained model: read from the browser's store first (then update runs again).
    let blendModel: ModelChoice | undefined;
    if (blend?.model) {
      // The saved models are still being listed: update runs again once they are.
      if (modelLibrary && !modelsListed) return;
      blendModel = modelLibrary?.cached(blend.model);
      if (!blendModel && modelLibrary?.list().some((m) => m.hash === blend.model)) {
        void modelLibrary.load(blend.model).then((found) => found && update());
        return;
      }
    }
    // A share link's or the saved settings' edits come with the first piece; later, the piece's own.
    const withBlend = { ...read, blend };
    const recipe = { ...withBlend, edits: opened ?? keptEdits(current, withBlend, chosen) };
    return { recipe, options: { preset: chosen, model: userModel, blendModel } };
  };

  /** When the page last composed a piece for changed fields (performance.now()). */
  let changedAt = Number.NEGATIVE_INFINITY;
  /** Whether Play has been pressed on this page. */
  let playAsked = false;
  /**
   * Resolves once no corpus is loading and no piece has been asked for in {@link QUIET_MS}, or
   * once Play has been pressed (then the samples are what the user waits for): the samples' fetching
   * and decoding wait for it. Six sample files fetched and decoded at a time held a preset's corpus
   * chunk, chosen meanwhile, 150–250 ms (a trace of presets chosen one after another as soon as
   * the first piece was shown, 2-core machine).
   */
  const quiet = async (): Promise<void> => {
    for (;;) {
      if (playAsked) return;
      await corpora.settled();
      const wait = changedAt + QUIET_MS - performance.now();
      if (playAsked || (wait <= 0 && corpora.pending === undefined)) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 10)));
    }
  };

  /** Composes the piece of the fields as they are and shows it. */
  const update = () => {
    changedAt = performance.now();
    turn++;
    const next = nextPiece();
    if (next) shown(generate(next.recipe, next.options));
  };

  /**
   * {@link update} a phrase at a time, the page getting a turn between steps (inTasks.ts): the
   * first piece of a large model (a thousand tunes trained in the page) took one task of 75–150 ms,
   * mostly the model's memos filled on first use. The same piece as `update` composes; it is shown
   * in a task of its own, unless a later update came first. Resolves once it is shown or dropped.
   */
  const updateInSteps = (): Promise<void> => {
    changedAt = performance.now();
    const mine = ++turn;
    const next = nextPiece();
    if (!next) return composing;
    composing = runInTasks(generateSteps(next.recipe, next.options))
      .then(async (result) => {
        await nextTask();
        if (mine === turn) shown(result);
      })
      // What update would have thrown: said, not left as an unhandled rejection.
      .catch((e: unknown) => say(e instanceof Error ? e.message : String(e), true));
    return composing;
  };

  /** Shows a composed piece, or says why there is none. */
  const shown = (result: Result<Generated, GenerateError>) => {
    if (!result.ok) {
      // The fields keep the recipe (a link's edits too): nothing is lost while the model is missing.
      say(failureText(result.error), true);
      return;
    }
    // A new piece is one Undo step (the same recipe again, as before a WAV export, is none).
    const same = current && current.preset === result.value.preset && sameRecipe(current.recipe, result.value.recipe);
    if (!same) editing.record(current);
    opened = undefined;
    show(result.value);
  };

  /**
   * The built-in presets made ready at idle (their corpus, model and tables), once the first piece
   * is shown and the audio engine made with it: a preset chosen then shows its piece at once.
   */
  const preparation = new PresetPreparation({
    current: () => current?.preset.name,
    seed: () => Number(seed.value) || 0,
    busy: () => corpora.pending !== undefined,
  });
  let firstShown: () => void = () => {};
  void Promise.all([new Promise<void>((resolve) => (firstShown = resolve)), transport.idleEngine]).then(() =>
    preparation.start(),
  );

  /** Shows a piece: roll, mixer, status, originality, the player; remembered as the last settings. */
  const show = (g: Generated) => {
    firstShown();
    current = g;
    panel.show(current.preset);
    const { piece } = current;
    description.textContent = current.preset.description;
    showLegend(legend, piece);
    roll.draw(piece);
    mixer.show(piece.tracks);
    showExportRange(exportMenu, piece.bars);
    say(describePiece(current, current.madeWith.model !== undefined));
    saveSettings(current.recipe);
    // The samples a preset plays start loading as soon as it is shown, so Play rarely waits.
    if (transport.current) loadPlayerSoon();
    else samples.ready(current.sound, () => {});
    transport.show();
    sections.show(piece);
    originality.show(current.originality, titlesOf(current));
    editing.shown(current);
    blendControls.showLeans(current);
  };

  const editing = new Editing(
    {
      canvas: element('piano-roll'),
      undo: element('undo'),
      redo: element('redo'),
      part: element('edit-part'),
      variation: element('variation'),
      variationValue: element('variation-value'),
      regenerateSelection: element('regenerate-selection'),
      chord: element('chord-pick'),
      status: element('selection-status'),
    },
    {
      roll,
      current: () => current,
      show: (g) => {
        fill(g.recipe);
        show(g);
      },
      locked: () => mixer.locked,
      say,
    },
  );
  // A click on a section's label selects its bars for Regenerate selection (as well as looping it).
  element<HTMLCanvasElement>('piano-roll').addEventListener('click', (e) => {
    const span = roll.sectionAt(e.offsetX, e.offsetY);
    if (span) editing.editor.selectRange({ start: span.start, end: span.end });
  });

  /** Regenerate and the dice: a new seed — or, with parts locked, the unlocked parts composed again. */
  const newSeed = () => {
    if (editing.regenerateUnlocked()) return;
    seed.value = String(randomSeed());
    update();
  };
  regenerate.addEventListener('click', newSeed);
  exportMidi.addEventListener('click', async () => {
    // A preset chosen a moment ago may still be loading its corpus, or a model's first piece be
    // composed in steps: export that piece, not the last one.
    await corpora.settled();
    await composing;
    if (!current) return;
    // The piece on screen, with the mixer as set: nothing is composed again.
    const blob = new Blob([midiOf(current, mixer.mixer) as BlobPart], { type: 'audio/midi' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = midiFileName(current.recipe);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say(t('Exported {file}.', { file: link.download }));
  });
  startWavExport(
    { button: element('export-wav'), progress: element('wav-progress'), cancel: element('wav-cancel') },
    () => {
      // The fields as they are now (Bars included), even if a change has not been committed yet.
      update();
      if (!current) return undefined;
      const sound = current.sound;
      return {
        piece: current.piece,
        options: sound,
        libraries: () => samples.load(sound),
        mixer: mixer.mixer,
        fileName: midiFileName(current.recipe).replace(/\.mid$/, '.wav'),
      };
    },
    say,
  );
  startMidiOutput(
    { select: element('midi-output'), builtIn: element('built-in'), status: element('midi-status') },
    (port, builtIn) => {
      midi = { port, builtIn };
      transport.current?.setMidiOutput(port, builtIn);
    },
  );
  /** Fills the fields with the chosen preset's values (the seed kept). */
  const fillPreset = () => {
    const p = library.resolve(preset.value);
    if (p) fill(fillRecipe({ preset: p.name, seed: Number(seed.value) || 0 }, p));
  };
  preset.addEventListener('change', () => {
    fillPreset();
    update();
  });
  for (const input of [seed, tempo, bars]) input.addEventListener('change', update);
  generation.onChange(update);
  element('dice').addEventListener('click', newSeed);
  tempo.addEventListener('input', () => {
    const bpm = Number(tempo.value);
    if (Number.isInteger(bpm) && bpm >= LIMITS.tempo.min && bpm <= LIMITS.tempo.max) transport.current?.setTempo(bpm);
  });
  const help = startAppShortcuts({
    transport,
    preset,
    regenerate,
    stop: element('stop'),
    loop: element('loop'),
    exportMidi,
    dice: element('dice'),
    helpButton: element('shortcuts-help'),
    say,
  });
  window.addEventListener('resize', () => current && roll.draw(current.piece));
  // The roll is a canvas: it takes the theme's colours (CSS variables) only when drawn again.
  document.addEventListener(THEME_EVENT, () => current && roll.draw(current.piece));

  startExportMenu(exportMenu, { current: () => current, mixer: () => mixer.mixer, say });
  const panel = new PresetPanel(element('preset-panel'), {
    library,
    select: preset,
    regenerate: update,
    follow: fields.follow,
    samples: () => samplesPanel.libraries,
  });

  const fillOpened = (recipe: FullRecipe) => {
    fill(recipe);
    opened = recipe.edits ?? [];
  };
  startHarmonize(element('harmonize'), element('harmonize-file'), {
    editing,
    current: () => current,
    open: (recipe) => {
      const p = library.resolve(recipe.preset);
      if (!p) return;
      fillOpened(fillRecipe(recipe, p));
      update();
    },
    say,
  });
  const live = new LivePlay(
    {
      continueButton: element('continue'),
      record: element('record'),
      quantize: element('quantize'),
      keys: element('piano-keys'),
      status: element('live-status'),
    },
    { transport, editing, current: () => current, part: () => editing.partOrMelody, say },
  );
  startRecipeOpening({ library, panel, fill: fillOpened, update, say, settled: () => corpora.settled() });
  exposeMuse({
    transport,
    sections,
    endless,
    originality,
    help,
    current: () => current,
    corpora,
    editing,
    locked: () => mixer.locked,
    live: () => live.state,
    prepared: () => preparation.prepared,
  });
  return {
    /** Lists the user's models in Blend; a blend waiting for a model composes once it is there. */
    useModelLibrary(library) {
      modelLibrary = library;
      const refresh = () => {
        blendControls.showModels(library.list());
        const hash = blendControls.read()?.model;
        if (hash && current?.recipe.blend?.model !== hash) update();
      };
      library.onChange(refresh);
      void library.ready.then(() => {
        modelsListed = true;
        refresh();
      });
    },
    /**
     * Composes from the user's model (undefined: the preset's own corpus) and shows the new piece;
     * a user's model's piece is composed in steps (its first piece fills the model's memos: a
     * thousand tunes' took 75–150 ms at once). Resolves once the piece is shown.
     */
    useModel(choice) {
      userModel = choice;
      generation.lockMaxRun(choice?.model.options.melodyMaxRun);
      // A model of the user's composes in its corpus's manner: the preset fitted to it joins the
      // Preset select and is chosen; back to the preset's own corpus, the preset chosen before returns.
      const fitted = choice && presetForModel(choice.model, choice.name);
      const next = fitted ? fitted.name : beforeModel;
      if (fitted && !findPreset(fitted.name)) panel.receive(fitted);
      if (fitted) beforeModel ??= preset.value;
      else beforeModel = undefined;
      if (next && next !== preset.value && library.resolve(next)) {
        preset.value = next;
        fillPreset();
      }
      if (!choice) {
        update(); // the preset's own model, read already: its piece at once, as a preset switch
        return Promise.resolve();
      }
      // The fields show the model's preset already; the piece follows a few tasks later.
      say(t('Composing from your model "{model}"…', { model: choice.name }));
      return updateInSteps();
    },
  };
}

/** What the status line says when a recipe cannot be made. */
function failureText(error: GenerateError): string {
  if (error.code !== 'model-not-available') return error.message;
  return t(
    'This piece blends in the trained model "{name}" ({hash}), which is not in this browser: a share link names a model but cannot carry it. Open that model file (Open a model file, under Train a model) and the piece is made as it was; or choose another Blend.',
    { name: error.name, hash: error.hash },
  );
}

function applyMixer(player: Player, state: MixerState): void {
  for (const [id, channel] of Object.entries(state)) player.setChannel(id, channel);
}
