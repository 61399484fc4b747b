/**
 * Sound: every part is a Tone.js instrument — our light voices and drum kit written as Tone
 * instruments, or any stock Tone instrument or a Sampler — through chains of Tone.js effects, a
 * mixer and a master chain; live playback with a lookahead scheduler (a piece, or endless sections
 * fed by {@link SectionFeed}), Web MIDI output, and the offline render to WAV — the same graph,
 * built in the live context and in each render chunk.
 *
 * @example
 * const player = await Player.create(); // in a click handler
 * player.load(piece, presetSound(preset));
 * player.play();
 */
export * from './catalogue';
export * from './effects';
export * from './graph';
export * from './instruments';
export * from './play';
export * from './render';
export * from './samples';
export * from './sound';
export * from './wav';
export * from './worklets';
