/**
 * The front door: `generate(recipe)` → `{ piece, sound, provenance }` (see generate.ts), and the
 * exports made from it (`exportMidi`, `pieceJson`); the presets themselves (the styles in
 * presets/*.json, their schema and limits), recipes and share links.
 */

export * from './addEdit';
export * from './blend';
export * from './builtin';
export * from './editCodec';
export * from './files';
export * from './generate';
export * from './history';
export * from './melodyIn';
export * from './migrate';
export * from './modelPreset';
export * from './presetFile';
export * from './provenance';
export * from './recipe';
export * from './schema';
export * from './share';
export * from './sound';
export * from './soundSchema';
