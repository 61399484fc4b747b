/** MIDI-like sequences: the corpus types, the JSON corpus format, and music theory helpers. */
export * from './format';
export * from './theory';
export * from './types';
