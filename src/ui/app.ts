import { MAX_SEED } from '../core';
import type { MidiPort } from '../engine/midiOut';
import type { MixerState } from '../engine/mixer';
import type { Player } from '../engine/player';
import type { EngineOptions } from '../engine/sound';
import type { MuseModel } from '../model';
import {
  builtinPresets,
  type FullRecipe,
  fillRecipe,
  findPreset,
  type Generated,
  generate,
  LIMITS,
  midiFileName,
  midiOf,
  type Preset,
  parseShareFragment,
  type Recipe,
} from '../presets';
import { EndlessSwitch } from './endless';
import { showExportRange, startExportMenu } from './exportMenu';
import { startGenerationPanel } from './generationPanel';
import { N_, t } from './i18n';
import { modeName } from './i18n/terms';
import { startMidiOutput } from './midiOutput';
import { MixerPanel } from './mixer';
import { OriginalityPanel, type PieceOriginality } from './originalityPanel';
import { PianoRoll, TRACK_COLOURS } from './pianoRoll';
import { PresetLibrary } from './presetLibrary';
import { PresetPanel } from './presetPanel';
import { sectionName } from './rollSections';
import { SectionLoop } from './sectionLoop';
import { loadSettings, saveSettings } from './settings';
import { ShortcutHelp } from './shortcutHelp';
import { startShortcuts } from './shortcuts';
import { THEME_EVENT } from './theme';
import { Transport } from './transport';
import { startWavExport } from './wavExport';

/** How a preset sounds in the engine. */
export function engineOptions(preset: Preset): EngineOptions {
  return {
    voices: { melody: preset.melody.synth, chords: preset.chords.synth, bass: preset.bass.synth },
    reverb: preset.reverb,
  };
}

/** The labels of the fields the page checks itself, as an error names them. */
const FIELD_LABELS = { seed: N_('Seed'), tempo: N_('Tempo'), bars: N_('Bars') } as const;

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** A new random seed (the UI may use the platform's randomness; the domain never does). */
function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] % (MAX_SEED + 1);
}

/**
 * Wires the page: fields → recipe → piece → piano roll and mixer; the transport (Play, Pause, Stop,
 * Loop; audio starts on the page's first gesture); Regenerate; Export MIDI and Export WAV; MIDI output.
 */
export function startApp(): { useModel(choice: { model: MuseModel; name: string } | undefined): void } {
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

  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };
  const originality = new OriginalityPanel(element('originality'));
  const titleOf = (g: Generated) => {
    const titles = new Map(g.model.provenance.pieces.map((p) => [p.id, p.title]));
    return (id: string) => titles.get(id) ?? id;
  };

  const mixer = new MixerPanel(element('mixer'), (id, change) => transport.current?.setChannel(id, change));

  const endless = new EndlessSwitch(element('endless'), element('loop'), {
    roll,
    say,
    engine: (g) => engineOptions(g.preset),
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
      load: (player) => {
        if (current && !endless.loadInto(player, current)) player.load(current.piece, engineOptions(current.preset));
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

  const fill = (recipe: FullRecipe) => {
    preset.value = recipe.preset;
    seed.value = String(recipe.seed);
    tempo.value = String(recipe.tempo);
    bars.value = String(recipe.bars);
    generation.fill(recipe);
  };

  const readRecipe = (): Recipe | undefined => {
    const fields = { seed, tempo, bars } as const;
    const values: Partial<Record<keyof typeof fields, number>> = {};
    for (const [name, input] of Object.entries(fields) as [keyof typeof fields, HTMLInputElement][]) {
      const value = Number(input.value);
      const { min, max } = LIMITS[name];
      const valid = input.value.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
      input.setAttribute('aria-invalid', String(!valid));
      if (!valid) {
        say(t('{field} must be a whole number from {min} to {max}.', { field: t(FIELD_LABELS[name]), min, max }), true);
        return undefined;
      }
      values[name] = value;
    }
    const overrides = generation.read();
    if (!overrides.ok) {
      say(overrides.error, true);
      return undefined;
    }
    return { preset: preset.value, seed: values.seed ?? 0, tempo: values.tempo, bars: values.bars, ...overrides.value };
  };

  const update = () => {
    const recipe = readRecipe();
    if (!recipe) return;
    const result = generate(recipe, { preset: library.resolve(recipe.preset), model: userModel });
    if (!result.ok) {
      say(result.error.message, true);
      return;
    }
    current = result.value;
    panel.show(current.preset);
    const { piece } = current;
    description.textContent = current.preset.description;
    legend.replaceChildren(
      ...piece.tracks.map((track) => {
        const item = document.createElement('span');
        item.className = 'legend-item';
        item.style.setProperty('--swatch', `var(--roll-${track.id}, ${TRACK_COLOURS[track.id] ?? '#aab'})`);
        item.textContent = t('{track} ({count} notes)', { track: track.name, count: track.notes.length });
        return item;
      }),
    );
    roll.draw(piece);
    mixer.show(piece.tracks);
    showExportRange(exportMenu, piece.bars);
    const facts = {
      bars: piece.bars,
      key: piece.key,
      mode: modeName(piece.mode),
      meter: `${piece.meter[0]}/${piece.meter[1]}`,
      tempo: piece.tempo,
      model: current.modelName,
    };
    say(
      userModel
        ? t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm. Composed from your model "{model}".', facts)
        : t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm.', facts),
    );
    saveSettings(current.recipe);
    const player = transport.current;
    if (player && !endless.loadInto(player, current)) player.load(piece, engineOptions(current.preset));
    transport.show();
    sections.show(piece);
    originality.show(current.originality, titleOf(current));
  };

  regenerate.addEventListener('click', () => {
    seed.value = String(randomSeed());
    update();
  });
  exportMidi.addEventListener('click', () => {
    if (!current) return;
    const blob = new Blob([midiOf(current) as BlobPart], { type: 'audio/midi' });
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
      return {
        piece: current.piece,
        options: engineOptions(current.preset),
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
  preset.addEventListener('change', () => {
    const p = library.resolve(preset.value);
    if (p) fill(fillRecipe({ preset: p.name, seed: Number(seed.value) || 0 }, p));
    update();
  });
  for (const input of [seed, tempo, bars]) input.addEventListener('change', update);
  generation.onChange(update);
  element('dice').addEventListener('click', () => {
    seed.value = String(randomSeed());
    update();
  });
  tempo.addEventListener('input', () => {
    const bpm = Number(tempo.value);
    if (Number.isInteger(bpm) && bpm >= LIMITS.tempo.min && bpm <= LIMITS.tempo.max) transport.current?.setTempo(bpm);
  });
  const help = new ShortcutHelp();
  element('shortcuts-help').addEventListener('click', () => help.show());
  const stepPreset = (by: number) => {
    const count = preset.options.length;
    preset.selectedIndex = (preset.selectedIndex + by + count) % count;
    preset.dispatchEvent(new Event('change'));
  };
  startShortcuts({
    playPause: (e) => transport.toggle(e.timeStamp),
    regenerate: () => regenerate.click(),
    stop: () => element('stop').click(),
    loop: () => element('loop').click(),
    exportMidi: () => exportMidi.click(),
    newSeed: () => element('dice').click(),
    previousPreset: () => stepPreset(-1),
    nextPreset: () => stepPreset(1),
    muteMelody: () => {
      const mute = document.querySelector<HTMLButtonElement>('#mixer [data-track="melody"] [data-toggle="mute"]');
      if (!mute) return say(t('This piece has no melody to mute.'));
      mute.click();
      say(mute.getAttribute('aria-pressed') === 'true' ? t('Melody muted.') : t('Melody on.'));
    },
    help: () => help.show(),
  });
  window.addEventListener('resize', () => current && roll.draw(current.piece));
  // The roll is a canvas: it takes the theme's colours (CSS variables) only when drawn again.
  document.addEventListener(THEME_EVENT, () => current && roll.draw(current.piece));

  startExportMenu(exportMenu, { current: () => current, say });
  const panel = new PresetPanel(element('preset-panel'), {
    library,
    select: preset,
    tempo,
    bars,
    regenerate: update,
    follow: (p, before, follow) => generation.follow(p, before, follow),
  });

  const first = builtinPresets()[0];
  const saved = loadSettings();
  const savedPreset = saved && library.resolve(saved.preset);
  let initial: FullRecipe =
    saved && savedPreset ? fillRecipe(saved, savedPreset) : fillRecipe({ preset: first.name, seed: 1 }, first);
  // A share link (#v=1&preset=…&seed=…) opens its piece exactly; a broken one is named and ignored.
  const fromLink = (hash: string): FullRecipe | string | undefined => {
    if (hash.length <= 1) return undefined;
    const link = parseShareFragment(hash);
    if (!link.ok) return t('This share link cannot be opened: {reason}.', { reason: link.error.message });
    const p = link.value.preset ?? findPreset(link.value.recipe.preset);
    if (!p) return undefined;
    // A link's preset travels whole (edited or the sender's own); without one it is the built-in as is.
    if (link.value.preset) panel.receive(link.value.preset);
    else library.reset(p.name);
    return fillRecipe(link.value.recipe, p);
  };
  const open = (hash: string) => {
    const linked = fromLink(hash);
    if (typeof linked === 'object') initial = linked;
    fill(initial);
    update();
    if (typeof linked === 'string') say(linked, true);
  };
  open(location.hash);
  window.addEventListener('hashchange', () => open(location.hash));

  // A read-only window for tests and the curious: audio state, transport, and the engine itself.
  Object.defineProperty(window, 'muse', {
    value: Object.freeze({
      audioState: () => (transport.started ? transport.current?.audioState : undefined) ?? 'not started',
      ticks: () => transport.current?.ticks ?? 0,
      recipe: () => current?.recipe,
      /** The piece on screen, as plain data (the same as Node composes for the recipe). */
      piece: () => current?.piece,
      /** The preset the piece is made with (edited, the user's, shared or built-in). */
      preset: () => current?.preset,
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
      originality: () => current?.originality,
      /** For tests: shows a given report in the originality panel, with titles by piece id. */
      showOriginality: (report: PieceOriginality, titles: Record<string, string>) =>
        originality.show(report, (id) => (Object.hasOwn(titles, id) ? titles[id] : id)),
      /** Whether the keyboard shortcuts overlay is open. */
      helpOpen: () => help.open,
      /** Suspends the audio context, as a browser or the system may. */
      interrupt: () => transport.current?.interrupt(),
      /** The offline engine (render, WAV), for tests and benchmarks. */
      offline: () => import('../engine/offline'),
      /** The model of the piece on screen: its name, whether it is the user's, its corpus size and hash. */
      model: () =>
        current && {
          name: current.modelName,
          user: userModel !== undefined,
          pieces: current.model.provenance.pieces.length,
          contentHash: current.model.provenance.contentHash,
        },
    }),
  });
  return {
    /** Composes from the user's model (undefined: the preset's own corpus) and shows the new piece. */
    useModel(choice) {
      userModel = choice;
      generation.lockMaxRun(choice?.model.options.melodyMaxRun);
      update();
    },
  };
}

function applyMixer(player: Player, state: MixerState): void {
  for (const [id, channel] of Object.entries(state)) player.setChannel(id, channel);
}
