/**
 * MIDI-like sequences in: the corpus types and JSON format, Standard MIDI file and JSB step-sequence
 * import, chord labelling, key estimation, the corpus report, and music theory helpers.
 */
export * from './chords';
export * from './format';
export * from './importFile';
export * from './jsb';
export * from './midi';
export * from './report';
export * from './theory';
export * from './types';
