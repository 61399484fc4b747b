/**
 * From models and options to a Piece: form, harmony with cadences, melody over it, voiced chords
 * and bass. Pure and seeded: no Tone.js, no DOM, no Math.random.
 */
export * from './accompaniment';
export * from './bass';
export * from './compose';
export * from './drums';
export * from './groove';
export * from './harmony';
export * from './melody';
export * from './options';
export * from './piece';
export * from './voicing';
