/**
 * The instruments and effects presets may name, in Tone.js's terms, and every option each takes
 * (range, default): pure data, without Tone.js, for the preset schema, the preset editor and the
 * engine's factory.
 */
export * from './effects';
export * from './instruments';
export * from './options';
export * from './spec';
export * from './timing';
