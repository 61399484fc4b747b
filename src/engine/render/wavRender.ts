import type { Piece } from '../../compose';
import type { SoundSpec } from '../sound';
import { pcm16, wavHeader } from '../wav';
import { type RenderOptions, type RenderResult, renderPiece, renderSeconds } from './render';

/** A rendered WAV file and what the render did. */
export interface WavRender extends RenderResult {
  blob: Blob;
}

/**
 * Renders `piece` to a 44.1 kHz, 16-bit stereo WAV file. Blocks are converted to PCM as they come
 * and kept as Blob parts, so a long piece never needs one big float buffer.
 */
export async function renderWav(
  piece: Piece,
  sound: SoundSpec,
  render: Partial<RenderOptions> = {},
): Promise<WavRender> {
  const sampleRate = render.sampleRate ?? 44_100;
  const frames = Math.ceil(renderSeconds(piece, sound) * sampleRate);
  const parts: BlobPart[] = [wavHeader(frames, sampleRate, 2) as Uint8Array<ArrayBuffer>];
  const result = await renderPiece(
    piece,
    sound,
    (left, right, n) => {
      parts.push(pcm16([left, right], n) as Uint8Array<ArrayBuffer>);
    },
    { ...render, sampleRate },
  );
  if (result.frames !== frames) throw new Error(`rendered ${result.frames} frames, expected ${frames}`);
  return { ...result, blob: new Blob(parts, { type: 'audio/wav' }) };
}
