/** Sound: Tone.js voices and the player that schedules a piece on the transport. Browser only. */
export * from './player';
export * from './voice';
