/** The mix as Tone.js nodes: track strips (instrument, effects, fader, pan), the master chain, the mixer. */
export * from './graph';
export * from './mixer';
