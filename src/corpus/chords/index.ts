/**
 * Chord labelling: from polyphonic notes (block chords, broken or arpeggiated accompaniment,
 * chorales) to contiguous chord segments with tonal symbols and roman numerals in the piece's key —
 * what the chord model learns from.
 */
export { type ChordAccuracy, chordAccuracy, measureChordAccuracy } from './accuracy';
export { type ChordLabel, type LabelRequest, labelChords } from './label';
export { type LabelOptions, labelDefaults } from './options';
export { type SpelledChord, spellChord, spellingTonic } from './spelling';
export { CHORD_SUFFIXES, CHORD_TYPES, type ChordType } from './vocabulary';
