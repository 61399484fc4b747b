/** Presets (the styles in presets/*.json), recipes, and `generate`: recipe → piece. */
export * from './builtin';
export * from './files';
export * from './generate';
export * from './modelPreset';
export * from './presetFile';
export * from './recipe';
export * from './schema';
export * from './share';
