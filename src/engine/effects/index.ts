/** Effects: Tone.js's, our LightReverb, chains of them, and what a render needs to know of them. */

export * from '../worklets/load';
export * from './factory';
export * from './fdn';
export * from './lightReverb';
export * from './toneReverb';
