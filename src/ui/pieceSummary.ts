import type { Piece } from '../compose';
import type { Generated } from '../presets';
import { t } from './i18n';
import { modeName } from './i18n/terms';
import { TRACK_COLOURS } from './pianoRoll';

/** The status sentence of a new piece: "40 bars in C major, 4/4, 72 bpm." (and the user's model, if any). */
export function describePiece(g: Generated, fromUserModel: boolean): string {
  const { piece } = g;
  const facts = {
    bars: piece.bars,
    key: piece.key,
    mode: modeName(piece.mode),
    meter: `${piece.meter[0]}/${piece.meter[1]}`,
    tempo: piece.tempo,
    model: g.modelName,
  };
  return fromUserModel
    ? t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm. Composed from your model "{model}".', facts)
    : t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm.', facts);
}

/** The legend under the piano roll: each track's colour, name and note count. */
export function showLegend(legend: HTMLElement, piece: Piece): void {
  legend.replaceChildren(
    ...piece.tracks.map((track) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const fallback = TRACK_COLOURS[track.id] ?? TRACK_COLOURS[track.role] ?? '#aab';
      item.style.setProperty('--swatch', `var(--roll-${track.id}, var(--roll-${track.role}, ${fallback}))`);
      item.textContent = t('{track} ({count} notes)', { track: track.name, count: track.notes.length });
      return item;
    }),
  );
}

/** Training piece id → its title, from the model's provenance (the id when it has none). */
export function titlesOf(g: Generated): (id: string) => string {
  const titles = new Map(g.model.provenance.pieces.map((p) => [p.id, p.title]));
  return (id: string) => titles.get(id) ?? id;
}
