/**
 * WAV files: 16-bit PCM, little-endian, interleaved. Pure: the header and the sample blocks are
 * separate so a long render can be written block by block (and joined in a Blob) as it comes.
 */

/** Bytes of the canonical WAV header (RIFF, fmt, data). */
export const WAV_HEADER_BYTES = 44;

/** The 44-byte header of a 16-bit PCM WAV file of `frames` frames. */
export function wavHeader(frames: number, sampleRate: number, channels = 2): Uint8Array {
  const blockAlign = channels * 2;
  const dataBytes = frames * blockAlign;
  if (dataBytes + 36 > 0xffffffff) throw new RangeError(`${frames} frames are too many for one WAV file`);
  const bytes = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

/** A float sample (−1…1, clipped beyond) as a 16-bit integer. */
export function toInt16(x: number): number {
  if (Number.isNaN(x)) return 0; // written as silence
  if (x <= -1) return -32767;
  if (x >= 1) return 32767;
  return Math.round(x * 32767);
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** `frames` samples of each channel, interleaved as 16-bit little-endian PCM. */
export function pcm16(channels: readonly Float32Array[], frames: number): Uint8Array {
  const count = channels.length;
  const bytes = new Uint8Array(frames * count * 2);
  if (LITTLE_ENDIAN) {
    // The platform's own order is the file's: write whole samples.
    const samples = new Int16Array(bytes.buffer);
    for (let c = 0; c < count; c++) {
      const channel = channels[c];
      for (let i = 0, at = c; i < frames; i++, at += count) samples[at] = toInt16(channel[i]);
    }
    return bytes;
  }
  const view = new DataView(bytes.buffer);
  for (let i = 0, at = 0; i < frames; i++)
    for (let c = 0; c < count; c++, at += 2) view.setInt16(at, toInt16(channels[c][i]), true);
  return bytes;
}

/** A whole WAV file from float channels of equal length. */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const header = wavHeader(frames, sampleRate, channels.length);
  const data = pcm16(channels, frames);
  const file = new Uint8Array(header.length + data.length);
  file.set(header);
  file.set(data, header.length);
  return file;
}

/** What a WAV header says. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  format: number;
  frames: number;
  dataBytes: number;
}

/** Reads the header of a canonical WAV file; a string says what is wrong. */
export function readWavHeader(bytes: Uint8Array): WavInfo | string {
  if (bytes.length < WAV_HEADER_BYTES) return 'shorter than a WAV header';
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (text(0) !== 'RIFF' || text(8) !== 'WAVE') return 'not a RIFF WAVE file';
  if (text(12) !== 'fmt ' || text(36) !== 'data') return 'not a canonical PCM header';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4, true) !== bytes.length - 8) return 'RIFF size does not match the file';
  const channels = view.getUint16(22, true);
  const bitsPerSample = view.getUint16(34, true);
  const dataBytes = view.getUint32(40, true);
  if (dataBytes !== bytes.length - WAV_HEADER_BYTES) return 'data size does not match the file';
  return {
    format: view.getUint16(20, true),
    channels,
    sampleRate: view.getUint32(24, true),
    bitsPerSample,
    dataBytes,
    frames: dataBytes / (channels * (bitsPerSample / 8)),
  };
}
