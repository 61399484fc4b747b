/** AudioWorklets: our processors (LightReverb's network) and Tone.js's, loaded as files of the site. */
export * from './load';
