import { describe, expect, it } from 'vitest';
import { encodeWav, pcm16, readWavHeader, toInt16, WAV_HEADER_BYTES, wavHeader } from '../../src/engine/wav';

describe('the WAV encoder', () => {
  it('writes the canonical 44-byte PCM header', () => {
    const h = wavHeader(1000, 44_100, 2);
    const view = new DataView(h.buffer);
    const text = (at: number) => String.fromCharCode(...h.subarray(at, at + 4));
    expect(h.length).toBe(WAV_HEADER_BYTES);
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(36 + 4000);
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(44_100);
    expect(view.getUint32(28, true)).toBe(44_100 * 4); // byte rate
    expect(view.getUint16(32, true)).toBe(4); // block align
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(4000);
  });

  it('converts floats to 16-bit integers, clipping and writing NaN as silence', () => {
    expect([0, 1, -1, 0.5, -0.5, 2, -2, Number.NaN, 1 / 32767].map(toInt16)).toEqual([
      0, 32767, -32767, 16384, -16383, 32767, -32767, 0, 1,
    ]);
  });

  it('interleaves channels little-endian', () => {
    const bytes = pcm16([Float32Array.of(1, 0), Float32Array.of(-1, 0.5)], 2);
    const view = new DataView(bytes.buffer);
    expect([0, 2, 4, 6].map((at) => view.getInt16(at, true))).toEqual([32767, -32767, 0, 16384]);
    expect(bytes.length).toBe(8);
  });

  it('writes a whole file that its reader accepts, and the reader refuses a broken one', () => {
    const left = new Float32Array(44_100).map((_, i) => Math.sin(i / 10));
    const file = encodeWav([left, left], 44_100);
    expect(file.length).toBe(WAV_HEADER_BYTES + 44_100 * 4);
    expect(readWavHeader(file)).toEqual({
      format: 1,
      channels: 2,
      sampleRate: 44_100,
      bitsPerSample: 16,
      dataBytes: 44_100 * 4,
      frames: 44_100,
    });
    expect(readWavHeader(file.subarray(0, 100))).toBe('RIFF size does not match the file');
    expect(readWavHeader(new Uint8Array(10))).toBe('shorter than a WAV header');
    const bad = file.slice();
    bad[0] = 0x58;
    expect(readWavHeader(bad)).toBe('not a RIFF WAVE file');
  });

  it('refuses more frames than a WAV file can hold', () => {
    expect(() => wavHeader(2 ** 30, 44_100, 2)).toThrow(RangeError);
  });
});
