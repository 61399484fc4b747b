import { MAX_SEED } from '../core';
import type { MidiPort } from '../engine/midiOut';
import type { MixerState } from '../engine/mixer';
import type { Player } from '../engine/player';
import type { EngineOptions } from '../engine/sound';
import {
  builtinPresets,
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
import { showExportRange, startExportMenu } from './exportMenu';
import { startMidiOutput } from './midiOutput';
import { MixerPanel } from './mixer';
import { PianoRoll, TRACK_COLOURS } from './pianoRoll';
import { loadSettings, saveSettings } from './settings';
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
export function startApp(): void {
  const preset = element<HTMLSelectElement>('preset');
  const seed = element<HTMLInputElement>('seed');
  const tempo = element<HTMLInputElement>('tempo');
  const bars = element<HTMLInputElement>('bars');
  const regenerate = element<HTMLButtonElement>('regenerate');
  const exportMidi = element<HTMLButtonElement>('export-midi');
  const status = element<HTMLParagraphElement>('status');
  const description = element<HTMLParagraphElement>('preset-description');
  const legend = element<HTMLElement>('legend');
  const roll = new PianoRoll(element<HTMLCanvasElement>('piano-roll'));

  for (const p of builtinPresets()) preset.add(new Option(p.name, p.name));
  let current: Generated | undefined;
  /** Presets that came with a share link, by name. */
  const shared = new Map<string, Preset>();
  const exportMenu = element<HTMLElement>('export-menu');
  let midi: { port: MidiPort | undefined; builtIn: boolean } = { port: undefined, builtIn: true };

  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

  const mixer = new MixerPanel(element('mixer'), (id, change) => transport.current?.setChannel(id, change));

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
        if (current) player.load(current.piece, engineOptions(current.preset));
      },
      meter: () => current?.piece.meter,
      playhead: (ticks) => roll.playhead(ticks),
      say,
      ready: (player: Player) => {
        applyMixer(player, mixer.mixer);
        player.setMidiOutput(midi.port, midi.builtIn);
      },
    },
  );

  const fill = (recipe: Required<Recipe>) => {
    preset.value = recipe.preset;
    seed.value = String(recipe.seed);
    tempo.value = String(recipe.tempo);
    bars.value = String(recipe.bars);
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
        say(`${name[0].toUpperCase()}${name.slice(1)} must be a whole number from ${min} to ${max}.`, true);
        return undefined;
      }
      values[name] = value;
    }
    return { preset: preset.value, seed: values.seed ?? 0, tempo: values.tempo, bars: values.bars };
  };

  const update = () => {
    const recipe = readRecipe();
    if (!recipe) return;
    const result = generate(recipe, { preset: shared.get(recipe.preset) });
    if (!result.ok) {
      say(result.error.message, true);
      return;
    }
    current = result.value;
    const { piece } = current;
    description.textContent = current.preset.description;
    legend.replaceChildren(
      ...piece.tracks.map((t) => {
        const item = document.createElement('span');
        item.className = 'legend-item';
        item.style.setProperty('--swatch', `var(--roll-${t.id}, ${TRACK_COLOURS[t.id] ?? '#aab'})`);
        item.textContent = `${t.name} (${t.notes.length} notes)`;
        return item;
      }),
    );
    roll.draw(piece);
    mixer.show(piece.tracks);
    showExportRange(exportMenu, piece.bars);
    say(`${piece.bars} bars in ${piece.key} ${piece.mode}, ${piece.meter[0]}/${piece.meter[1]}, ${piece.tempo} bpm.`);
    saveSettings(current.recipe);
    transport.current?.load(piece, engineOptions(current.preset));
    transport.show();
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
    say(`Exported ${link.download}.`);
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
    const p = findPreset(preset.value);
    if (p) {
      tempo.value = String(p.tempo);
      bars.value = String(p.bars);
    }
    update();
  });
  for (const input of [seed, tempo, bars]) input.addEventListener('change', update);
  tempo.addEventListener('input', () => {
    const bpm = Number(tempo.value);
    if (Number.isInteger(bpm) && bpm >= LIMITS.tempo.min && bpm <= LIMITS.tempo.max) transport.current?.setTempo(bpm);
  });
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing =
      target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (e.code === 'Space' && !typing && !(target instanceof HTMLButtonElement)) {
      e.preventDefault();
      transport.toggle(e.timeStamp);
    }
  });
  window.addEventListener('resize', () => current && roll.draw(current.piece));
  // The roll is a canvas: it takes the theme's colours (CSS variables) only when drawn again.
  document.addEventListener(THEME_EVENT, () => current && roll.draw(current.piece));

  startExportMenu(exportMenu, { current: () => current, say });

  const first = builtinPresets()[0];
  const saved = loadSettings();
  let initial: Required<Recipe> =
    saved && findPreset(saved.preset) ? saved : { preset: first.name, seed: 1, tempo: first.tempo, bars: first.bars };
  // A share link (#v=1&preset=…&seed=…) opens its piece exactly; a broken one is named and ignored.
  const fromLink = (hash: string): Required<Recipe> | string | undefined => {
    if (hash.length <= 1) return undefined;
    const link = parseShareFragment(hash);
    if (!link.ok) return `This share link cannot be opened: ${link.error.message}.`;
    const p = link.value.preset ?? findPreset(link.value.recipe.preset);
    if (!p) return undefined;
    if (link.value.preset && !shared.has(p.name)) preset.add(new Option(`${p.name} (shared)`, p.name));
    if (link.value.preset) shared.set(p.name, p);
    return { ...link.value.recipe, bars: link.value.recipe.bars ?? p.bars, tempo: link.value.recipe.tempo ?? p.tempo };
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
      }),
      /** Suspends the audio context, as a browser or the system may. */
      interrupt: () => transport.current?.interrupt(),
      /** The offline engine (render, WAV), for tests and benchmarks. */
      offline: () => import('../engine/offline'),
    }),
  });
}

function applyMixer(player: Player, state: MixerState): void {
  for (const [id, channel] of Object.entries(state)) player.setChannel(id, channel);
}
