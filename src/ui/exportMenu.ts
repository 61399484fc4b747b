import { exportMidi, findPreset, type Generated, type MixerSettings, pieceJson, shareFragment } from '../presets';
import { download } from './download';
import { t } from './i18n';

/** What the export menu needs from the page. */
export interface ExportMenuHost {
  /** The piece on screen, with its recipe and preset. */
  current: () => Generated | undefined;
  /** The user's mixer (fader and pan per track), which the MIDI file carries. */
  mixer: () => MixerSettings;
  say: (text: string, isError?: boolean) => void;
}

function field<T extends HTMLElement>(root: HTMLElement, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`the export menu has no #${id}`);
  return el;
}

/**
 * The export menu: a range of bars, quantized or as played, one file or one per track, as MIDI;
 * the piece and its recipe as JSON; a share link that restores the recipe.
 */
export function startExportMenu(root: HTMLElement, host: ExportMenuHost): void {
  const from = field<HTMLInputElement>(root, 'export-from');
  const to = field<HTMLInputElement>(root, 'export-to');
  const quantize = field<HTMLInputElement>(root, 'export-quantize');
  const perTrack = field<HTMLInputElement>(root, 'export-per-track');
  const link = field<HTMLInputElement>(root, 'share-link');

  field<HTMLButtonElement>(root, 'export-midi-options').addEventListener('click', () => {
    const g = host.current();
    if (!g) return;
    const first = Number(from.value || 1);
    const last = Number(to.value || g.piece.bars);
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first || last > g.piece.bars) {
      host.say(
        t('The range must be whole bars from 1 to {bars}, the first not after the last.', { bars: g.piece.bars }),
        true,
      );
      return;
    }
    const whole = first === 1 && last === g.piece.bars;
    // The piece on screen as it is (a quantized export composes its grid-aligned twin once).
    const files = exportMidi(
      g,
      { range: whole ? undefined : { from: first, to: last }, quantize: quantize.checked, perTrack: perTrack.checked },
      host.mixer(),
    );
    if (!files.ok) {
      host.say(files.error.message, true);
      return;
    }
    for (const f of files.value) download(f.name, f.bytes, 'audio/midi');
    host.say(t('Exported {file}.', { file: files.value.map((f) => f.name).join(', ') }));
  });

  field<HTMLButtonElement>(root, 'export-json').addEventListener('click', () => {
    const g = host.current();
    if (!g) return;
    const name = `${g.recipe.preset}-seed-${g.recipe.seed}.json`;
    download(name, pieceJson(g), 'application/json');
    host.say(t('Exported {file}.', { file: name }));
  });

  field<HTMLButtonElement>(root, 'copy-share-link').addEventListener('click', async () => {
    const g = host.current();
    if (!g) return;
    const custom = findPreset(g.preset.name) === g.preset ? undefined : g.preset;
    const url = `${location.origin}${location.pathname}#${shareFragment(g.recipe, custom)}`;
    link.value = url;
    link.hidden = false;
    // A model of the user's stays in this browser: the link can carry the recipe, not the model.
    const ownModel = g.madeWith.model !== undefined;
    let copied = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      copied = false;
      link.select();
    }
    const blended = g.recipe.blend?.model ? g.recipe.blend : undefined;
    host.say(
      blended
        ? t(
            'Here is the share link. It names your model "{name}" for the blend, but cannot carry it: send the model file with it (Save model file, under Train a model); who opens the link without it is asked for it.',
            { name: blended.corpus },
          )
        : ownModel
          ? t(
              'Here is the share link. This piece comes from your own model, which stays in this browser: the link opens its recipe with the preset’s own corpus.',
            )
          : copied
            ? t('The share link is copied: it opens this piece exactly.')
            : t('Copy the share link from the field (the browser did not allow copying).'),
    );
  });
}

/** Keeps the range fields within the piece's bars. */
export function showExportRange(root: HTMLElement, bars: number): void {
  const from = root.querySelector<HTMLInputElement>('#export-from');
  const to = root.querySelector<HTMLInputElement>('#export-to');
  if (!from || !to) return;
  for (const input of [from, to]) input.max = String(bars);
  from.value = '1';
  to.value = String(bars);
}
