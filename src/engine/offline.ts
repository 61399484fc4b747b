/**
 * The engine without live playback (no Tone.js, no AudioContext): the offline render and WAV export,
 * and the pure parts they stand on. What the page loads for Export WAV.
 */
export * from './instruments/kit';
export * from './mixer';
export * from './render';
export * from './sound';
export * from './timeline';
export * from './wavRender';
