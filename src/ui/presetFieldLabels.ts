import { language, N_, t } from './i18n';

/**
 * The labels of the preset editor's fields, by schema key. The editor is built from the schema, so
 * its labels were once derived from the keys ("chordToneBias" → "Chord tone bias"); a table makes
 * them translatable. A key missing here (a new schema field) still gets its derived English label,
 * and tests/unit/preset-field-labels.test.ts names it.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  description: N_('Description'),
  corpus: N_('Corpus'),
  tempo: N_('Tempo'),
  meter: N_('Meter'),
  key: N_('Key'),
  mode: N_('Mode'),
  bars: N_('Bars'),
  form: N_('Form'),
  phraseBars: N_('Phrase bars'),
  sectionBars: N_('Section bars'),
  model: N_('Model'),
  order: N_('Order'),
  temperature: N_('Temperature'),
  maxRun: N_('Max run'),
  melody: N_('Melody'),
  chords: N_('Chords'),
  bass: N_('Bass'),
  drums: N_('Drums'),
  name: N_('Name'),
  program: N_('Program'),
  low: N_('Low'),
  high: N_('High'),
  velocity: N_('Velocity'),
  synth: N_('Synth'),
  type: N_('Type'),
  oscillator: N_('Oscillator'),
  attack: N_('Attack'),
  decay: N_('Decay'),
  sustain: N_('Sustain'),
  release: N_('Release'),
  volume: N_('Volume'),
  chordToneBias: N_('Chord tone bias'),
  ambitus: N_('Ambitus'),
  pattern: N_('Pattern'),
  voicing: N_('Voicing'),
  style: N_('Style'),
  fills: N_('Fills'),
  groove: N_('Groove'),
  swing: N_('Swing'),
  swingUnit: N_('Swing unit'),
  timing: N_('Timing'),
  humanizeVelocity: N_('Humanize velocity'),
  reverb: N_('Reverb'),
  voice: N_('Voice'),
  effects: N_('Effects'),
  pan: N_('Pan'),
  master: N_('Master'),
};

/** "chordToneBias" → "Chord tone bias": the English label of a key the table does not know. */
export function words(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced[0].toUpperCase() + spaced.slice(1);
}

/** The label of the field `key` in the current language ("Chord tone bias"). */
export function fieldLabel(key: string): string {
  return Object.hasOwn(FIELD_LABELS, key) ? t(FIELD_LABELS[key]) : words(key);
}

/**
 * A label as part of a longer name: English writes "Melody high", "Use drums" (lower case inside
 * a name); German keeps its capitals (nouns) — "Melodie – Höchster Ton", "Schlagzeug verwenden".
 * The editor is built again on a change of language, so this is never re-translated from a lower-cased text.
 */
export function inName(label: string): string {
  return language() === 'en' ? label.toLowerCase() : label;
}

/** The name of a nested field: "Melody", "Melody synth", "Melody synth attack". */
function groupName(path: readonly string[]): string {
  if (path.length === 1) return fieldLabel(path[0]);
  return t('{group} {field}', {
    group: groupName(path.slice(0, -1)),
    field: inName(fieldLabel(path[path.length - 1])),
  });
}

/**
 * The accessible name of the field at `path`: "Preset tempo", "Melody synth attack" — unique on
 * the page, so it never collides with the piece's own Tempo or Bars fields.
 */
export function fieldName(path: readonly string[]): string {
  return path.length === 1 ? t('Preset {field}', { field: inName(fieldLabel(path[0])) }) : groupName(path);
}
