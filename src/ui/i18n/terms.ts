import { N_, t } from '../i18n';

/**
 * Labels of values that stay English in data, files and links: modes (German: Dur, Moll, Dorisch …)
 * and track roles. Chord symbols, roman numerals and note names are shown as they are — B stays B
 * (DAWs and our files use it), never the German H.
 */
const MODE_NAMES: Readonly<Record<string, string>> = {
  major: N_('major'),
  minor: N_('minor'),
  dorian: N_('dorian'),
  phrygian: N_('phrygian'),
  lydian: N_('lydian'),
  mixolydian: N_('mixolydian'),
  locrian: N_('locrian'),
};

const TRACK_NAMES: Readonly<Record<string, string>> = {
  melody: N_('Melody'),
  chords: N_('Chords'),
  alto: N_('Alto'),
  tenor: N_('Tenor'),
  bass: N_('Bass'),
  drums: N_('Drums'),
  other: N_('Other'),
};

/** The label of a mode value ("dorian" → "dorisch" in German); an unknown value is shown as it is. */
export function modeName(mode: string): string {
  return Object.hasOwn(MODE_NAMES, mode) ? t(MODE_NAMES[mode]) : mode;
}

/** The label of a track id or role ("melody" → "Melody", "Melodie"); others are capitalized. */
export function trackName(id: string): string {
  return Object.hasOwn(TRACK_NAMES, id) ? t(TRACK_NAMES[id]) : id.charAt(0).toUpperCase() + id.slice(1);
}
