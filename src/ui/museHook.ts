import { builtinCorpusNames, type Generated, isBuiltinCorpusLoaded, isPrebuiltModel } from '../presets';
import type { CorpusLoading } from './corpusLoading';
import type { Editing } from './editing';
import type { EndlessSwitch } from './endless';
import type { ContinueState } from './livePlay';
import type { OriginalityPanel, PieceOriginality } from './originalityPanel';
import { sectionName } from './rollSections';
import type { SectionLoop } from './sectionLoop';
import type { ShortcutHelp } from './shortcutHelp';
import type { Transport } from './transport';

/** The parts of the page the test hook reads. */
export interface MuseHookSources {
  transport: Transport;
  sections: SectionLoop;
  endless: EndlessSwitch;
  originality: OriginalityPanel;
  help: ShortcutHelp;
  /** The piece on screen. */
  current: () => Generated | undefined;
  /** The built-in corpora, loaded on demand. */
  corpora?: CorpusLoading;
  /** Editing: Undo/Redo steps, the roll's selection, the locked parts. */
  editing?: Editing;
  locked?: () => ReadonlySet<string>;
  /** Continue: listening, the call so far, the beat the answer is due on and when, answers given. */
  live?: () => ContinueState;
  /** The built-in presets made ready at idle (presetPreparation.ts). */
  prepared?: () => string[];
}

/**
 * Defines `window.muse`: a read-only window for tests and the curious — audio state, transport,
 * the piece and its preset, sections, originality, and the engine itself. Members are only ever
 * added (tests rely on their names).
 */
export function exposeMuse(s: MuseHookSources): void {
  const { transport, sections, endless, originality, help, current, corpora, editing, locked, live, prepared } = s;
  Object.defineProperty(window, 'muse', {
    value: Object.freeze({
      audioState: () => (transport.started ? transport.current?.audioState : undefined) ?? 'not started',
      ticks: () => transport.current?.ticks ?? 0,
      recipe: () => current()?.recipe,
      /** The piece on screen, as plain data (the same as Node composes for the recipe). */
      piece: () => current()?.piece,
      /** The preset the piece is made with (edited, the user's, shared or built-in). */
      preset: () => current()?.preset,
      /** Milliseconds from the last Play click to the transport start at the speakers. */
      latency: () => transport.current?.latencyMs,
      /** The output's peak and RMS lately, as the master bus measures it. */
      level: () => transport.current?.level,
      /** Audio nodes held by the player, and notes not yet released. */
      nodes: () => ({ nodes: transport.current?.nodeCount ?? 0, notes: transport.current?.liveNotes ?? 0 }),
      transport: () => ({
        state: transport.current?.state ?? 'stopped',
        looping: transport.current?.looping ?? false,
        tempo: transport.current?.tempo,
        master: transport.current?.masterKind,
        /** The range the engine repeats (piece ticks), when looping. */
        loopStart: transport.current?.loopRange?.start,
        loopEnd: transport.current?.loopRange?.end,
        /** The looped section ("A (bars 5–12)"), if a section loops rather than the whole piece. */
        section: sections.current ? sectionName(sections.current) : undefined,
      }),
      /** The Endless switch and endless playback: sections begun, sections held in memory. */
      endless: () => endless.report(),
      /** The sections of the piece on screen: label, ticks and bars. */
      sections: () => sections.sections,
      /** The originality reports of the piece on screen (melody and chords). */
      originality: () => current()?.originality,
      /** For tests: shows a given report in the originality panel, with titles by piece id. */
      showOriginality: (report: PieceOriginality, titles: Record<string, string>) =>
        originality.show(report, (id) => (Object.hasOwn(titles, id) ? titles[id] : id)),
      /** Whether the keyboard shortcuts overlay is open. */
      helpOpen: () => help.open,
      /** Suspends the audio context, as a browser or the system may. */
      interrupt: () => transport.current?.interrupt(),
      /** The live player itself (once audio has started), for tests that drive it with fake time. */
      player: () => transport.current,
      /** The offline engine (render, WAV), for tests and benchmarks. */
      offline: () => import('../engine/offline'),
      /** The model file reader (parseModel) the page opens users' model files with, for benchmarks. */
      modelFile: () => import('../model/modelFile'),
      /** The binary form's reader (decodeModel) the page loads kept and built-in models with, for benchmarks. */
      modelBinary: () => import('../model/modelBinary'),
      /** The built-in corpora the page has loaded so far, and the one it is loading, if any. */
      corpora: () => ({ loaded: builtinCorpusNames().filter(isBuiltinCorpusLoaded), loading: corpora?.pending }),
      /** The built-in presets made ready while the page was idle (corpus, model, tables), in the select's order. */
      prepared: () => prepared?.() ?? [],
      /** The edits of the piece on screen, in order (none: an empty list). */
      edits: () => current()?.recipe.edits ?? [],
      /** Undo and Redo steps available, the span selected on the roll (ticks), the selected notes, the locked parts. */
      editing: () => ({
        undo: editing?.history.depth ?? 0,
        redo: editing?.history.canRedo ?? false,
        range: editing?.editor.selection,
        notes: editing?.editor.chosenNotes ?? [],
        locked: [...(locked?.() ?? [])],
      }),
      /** Continue (call and response): listening, notes of the call, the due beat (tick, performance.now() ms), answers. */
      live: () => (live ? { ...live() } : undefined),
      /** Where a note at `tick` and `pitch` is drawn on the piano roll: CSS pixels from its top left (for tests to click). */
      rollPoint: (tick: number, pitch: number) => editing?.editor.pointOf(tick, pitch),
      /**
       * The model of the piece on screen: its name, whether it is the user's, its corpus size and
       * hash, and whether it came trained with its built-in corpus (at build time) rather than here.
       */
      model: () => {
        const piece = current();
        return (
          piece && {
            name: piece.modelName,
            // The piece's own: a model chosen a moment ago is the user's once its piece is shown.
            user: piece.madeWith.model !== undefined,
            pieces: piece.model.provenance.pieces.length,
            contentHash: piece.model.provenance.contentHash,
            prebuilt: isPrebuiltModel(piece.model),
          }
        );
      },
    }),
  });
}
