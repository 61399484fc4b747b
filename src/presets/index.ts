/** Presets (the styles in presets/*.json), recipes, and `generate`: recipe → piece. */

export * from './addEdit';
export * from './blend';
export * from './builtin';
export * from './editCodec';
export * from './files';
export * from './generate';
export * from './history';
export * from './melodyIn';
export * from './modelPreset';
export * from './presetFile';
export * from './recipe';
export * from './schema';
export * from './share';
