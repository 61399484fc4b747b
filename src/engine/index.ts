/**
 * Sound: the instruments (synth voices from the preset, a synthesized drum kit), the mixer, the
 * master bus (reverb, echo, chorus, limiter), live playback with a lookahead scheduler (a piece, or
 * endless sections fed by {@link SectionFeed} while they play), Web MIDI
 * output, and the offline render to WAV — live and offline share the voice and effect code.
 * Browser only, except the pure parts (envelopes, voice plans, timeline, scheduler, master DSP).
 *
 * @example
 * const player = await Player.create(); // in a click handler
 * player.load(piece, { voices, reverb: 0.3 });
 * player.play();
 */
export * from './bank';
export * from './drumKit';
export * from './envelope';
export * from './fanOut';
export * from './instrument';
export * from './master';
export * from './midiOut';
export * from './mixer';
export * from './player';
export * from './registry';
export * from './render';
export * from './scheduler';
export * from './sectionFeed';
export * from './sound';
export * from './timeline';
export * from './trackGraph';
export * from './voice';
export * from './voiceAllocator';
export * from './voicePool';
export * from './wav';
export * from './wavRender';
