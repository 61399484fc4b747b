/** Live playback: the scheduler, the timeline, the player and its outputs (instruments, MIDI). */
export * from './fanOut';
export * from './liveOut';
export * from './midiOut';
export * from './player';
export * from './scheduler';
export * from './sectionFeed';
export * from './timeline';
