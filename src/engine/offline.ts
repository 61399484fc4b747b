/**
 * The engine without live playback: the offline render and WAV export (Tone.js nodes in
 * OfflineAudioContexts), and the pure parts they stand on. What the page loads for Export WAV.
 */
export * from './graph/mixer';
export * from './instruments/kit';
export * from './play/timeline';
export * from './render';
export * from './samples';
export * from './sound';
