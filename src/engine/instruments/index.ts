/**
 * Instruments: our light voices and the drum kit as Tone.js instruments, stock Tone.js instruments
 * played polyphonically, and the factory that builds any instrument a preset names.
 */
export * from './allocator';
export * from './drumKit';
export * from './envelope';
export * from './factory';
export * from './kit';
export * from './lightSynth';
export * from './samples';
export * from './toneVoices';
export * from './voices';
export * from './waves';
