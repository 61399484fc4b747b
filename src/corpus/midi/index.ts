/**
 * Standard MIDI file import: a bounded reader of untrusted bytes, linear-time note pairing, tempo
 * map, time and key signatures, track roles, quantization to the meter's grid (with triplets and
 * compound meters) and a Krumhansl–Schmuckler key estimate. Pure TypeScript: runs in Node and in a
 * Web Worker.
 */
export { IMPORT_ERROR_CODES, type ImportError, type ImportErrorCode } from './errors';
export { importMidi } from './importMidi';
export {
  DEFAULT_KEY_PROFILES,
  estimateKey,
  KEY_PROFILES,
  type KeyEstimate,
  type KeyProfileName,
  type KeyProfiles,
  pitchClassProfile,
  rankKeys,
} from './keyEstimate';
export { compareKeys, type Key, type KeyAgreement, type KeyMode, keyOfSignature, nameTonic } from './keySignature';
export { MAX_EVENTS, MAX_FILE_BYTES, MAX_NOTES, MAX_SECONDS, MAX_TICKS, MAX_VLQ_BYTES } from './limits';
export { trimOverlaps } from './overlaps';
export { type MeterGrid, meterGrid, type QuantizeOptions, quantizeInMeters, quantizeNotes } from './quantize';
export { DEFAULT_BPM, secondsAt, secondsAtTick, type TempoPoint } from './tempoMap';
export { DEFAULT_METER } from './timeline';
export { SMPTE_BPM } from './timeScale';
export { DRUM_CHANNEL, describeTexture, detectRoles, roleFromName, type TrackTexture } from './trackRoles';
export {
  DEFAULT_IMPORT_OPTIONS,
  type ImportedPiece,
  type ImportedTrack,
  type ImportOptions,
  type KeyPoint,
  type MeterPoint,
} from './types';
