/**
 * From a model and options to a Piece: form, harmony with cadences, melody over it, voicing, bass,
 * drums, groove. Pure and seeded: no Tone.js, no DOM, no Math.random.
 */
export * from './accompaniment';
export * from './answer';
export * from './applyEdits';
export * from './arrange';
export * from './bass';
export * from './chordTones';
export * from './compose';
export * from './drums';
export * from './edits';
export * from './form';
export * from './fourPart';
export { FOUR_PART_COSTS } from './fourPartRules';
export * from './groove';
export * from './harmonizeSpan';
export * from './listen';
export * from './notes';
export * from './options';
export * from './phrase';
export * from './piece';
export * from './rearrange';
export * from './regenerate';
export * from './rules';
export * from './slashChords';
export * from './turnaround';
export * from './voicing';
