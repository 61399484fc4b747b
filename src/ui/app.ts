import { barTicks, beatTicks, MAX_SEED } from '../core';
import type { EngineOptions, Player } from '../engine';
import {
  builtinPresets,
  findPreset,
  type Generated,
  generate,
  LIMITS,
  midiFileName,
  midiOf,
  type Preset,
  type Recipe,
} from '../presets';
import { PianoRoll, TRACK_COLOURS } from './pianoRoll';
import { loadSettings, saveSettings } from './settings';

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
 * Wires the page: fields → recipe → piece → piano roll; Play/Stop through the engine (loaded on the
 * first Play, inside the click that unlocks audio); Regenerate; Export MIDI.
 */
export function startApp(): void {
  const preset = element<HTMLSelectElement>('preset');
  const seed = element<HTMLInputElement>('seed');
  const tempo = element<HTMLInputElement>('tempo');
  const bars = element<HTMLInputElement>('bars');
  const play = element<HTMLButtonElement>('play');
  const stop = element<HTMLButtonElement>('stop');
  const regenerate = element<HTMLButtonElement>('regenerate');
  const exportMidi = element<HTMLButtonElement>('export-midi');
  const position = element<HTMLOutputElement>('position');
  const status = element<HTMLParagraphElement>('status');
  const description = element<HTMLParagraphElement>('preset-description');
  const legend = element<HTMLElement>('legend');
  const roll = new PianoRoll(element<HTMLCanvasElement>('piano-roll'));

  for (const p of builtinPresets()) preset.add(new Option(p.name, p.name));
  let player: Player | undefined;
  let loading: Promise<Player> | undefined;
  let current: Generated | undefined;
  let frame = 0;

  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

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
    const result = generate(recipe);
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
        item.style.setProperty('--swatch', TRACK_COLOURS[t.id] ?? '#aab');
        item.textContent = `${t.name} (${t.notes.length} notes)`;
        return item;
      }),
    );
    roll.draw(piece);
    say(`${piece.bars} bars in ${piece.key} ${piece.mode}, ${piece.meter[0]}/${piece.meter[1]}, ${piece.tempo} bpm.`);
    saveSettings(current.recipe);
    if (player) player.load(piece, engineOptions(current.preset));
  };

  const showPosition = () => {
    if (!player || !current) return;
    const ticks = player.ticks;
    const bar = barTicks(current.piece.meter);
    position.value = `${Math.floor(ticks / bar) + 1}.${Math.floor((ticks % bar) / beatTicks(current.piece.meter)) + 1}`;
    roll.playhead(ticks);
    if (player.playing) frame = requestAnimationFrame(showPosition);
  };

  const getPlayer = async (): Promise<Player> => {
    loading ??= import('../engine').then(({ Player }) => {
      const p = new Player();
      p.onEnd = () => {
        play.setAttribute('aria-pressed', 'false');
        showPosition();
      };
      return p;
    });
    return loading;
  };

  const start = async () => {
    if (!current) return;
    try {
      const p = await getPlayer();
      await p.unlock();
      if (!player) {
        player = p;
        player.load(current.piece, engineOptions(current.preset));
      }
      player.play();
      play.setAttribute('aria-pressed', 'true');
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(showPosition);
    } catch (e) {
      say(`Could not start audio: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  };

  const halt = () => {
    player?.stop();
    play.setAttribute('aria-pressed', 'false');
    cancelAnimationFrame(frame);
    position.value = '1.1';
    roll.playhead(0);
  };

  play.addEventListener('click', () => void start());
  stop.addEventListener('click', halt);
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
    if (player && Number.isInteger(bpm) && bpm >= LIMITS.tempo.min && bpm <= LIMITS.tempo.max) player.setTempo(bpm);
  });
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing =
      target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (e.code === 'Space' && !typing && !(target instanceof HTMLButtonElement)) {
      e.preventDefault();
      if (player?.playing) halt();
      else void start();
    }
  });
  window.addEventListener('resize', () => current && roll.draw(current.piece));

  const first = builtinPresets()[0];
  const saved = loadSettings();
  const initial =
    saved && findPreset(saved.preset) ? saved : { preset: first.name, seed: 1, tempo: first.tempo, bars: first.bars };
  fill(initial);
  update();

  // A read-only window for tests and the curious: audio state and transport position.
  Object.defineProperty(window, 'muse', {
    value: Object.freeze({
      audioState: () => player?.audioState ?? 'not started',
      ticks: () => player?.ticks ?? 0,
      recipe: () => current?.recipe,
    }),
  });
}
