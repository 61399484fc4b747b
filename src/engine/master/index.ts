/**
 * The master bus as pure streaming DSP: reverb, echo, chorus, master gain and limiter. Runs in the
 * live AudioWorklet and in the offline render alike; no Web Audio, no DOM.
 */
export * from './chorus';
export * from './delay';
export * from './limiter';
export * from './masterBus';
export * from './mix';
export * from './reverb';
