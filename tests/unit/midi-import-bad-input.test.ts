import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core';
import { importMidi, MAX_EVENTS, MAX_FILE_BYTES, MAX_NOTES } from '../../src/corpus/midi';
import { expectPieceOrTypedError, pieceOf } from '../helpers/importChecks';
import { chunk, manyNotesFile, noteEvents, vlq, writeSmf } from '../helpers/smfWriter';

const header = (format: number, tracks: number, division: number) =>
  chunk('MThd', [0, format, 0, tracks, (division >> 8) & 0xff, division & 0xff]);
const file = (...parts: number[][]) => new Uint8Array(parts.flat());
const aNote = [0, 0x90, 60, 90, 0x60, 0x80, 60, 0];

/** Imports `bytes` as `name` and returns the error code, checking the message names the file. */
function codeOf(bytes: Uint8Array, name = 'song.mid'): string {
  const result = importMidi(bytes, name);
  expectPieceOrTypedError(result, name);
  return result.ok ? 'ok' : result.error.code;
}

describe('importMidi: bad input', () => {
  it('refuses an empty file', () => {
    expect(codeOf(new Uint8Array())).toBe('empty');
  });

  it('says what an HTML page starts with', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>');
    const result = importMidi(html, 'song.mid');
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-midi', file: 'song.mid', message: 'song.mid: not a MIDI file (starts with "<!DO")' },
    });
  });

  it('refuses random bytes with a typed error', () => {
    const rng = createRng(7);
    for (let i = 0; i < 50; i++) {
      const bytes = Uint8Array.from({ length: 1 + rng.int(2000) }, () => rng.int(256));
      expect(['not-midi', 'empty']).toContain(codeOf(bytes));
    }
  });

  it('refuses a header of the wrong length, format or division', () => {
    const track = chunk('MTrk', [...aNote, 0, 0xff, 0x2f, 0]);
    expect(codeOf(file(chunk('MThd', [0, 1, 0]), track))).toBe('bad-header');
    expect(
      codeOf(
        file(
          [...chunk('MThd', [0, 0, 0, 1, 1, 0xe0])].map((b, i) => (i === 7 ? 200 : b)),
          track,
        ),
      ),
    ).toBe('bad-header');
    expect(codeOf(file(header(3, 1, 480), track))).toBe('bad-header');
    expect(codeOf(file(header(0, 1, 0), track))).toBe('bad-header');
    expect(codeOf(new TextEncoder().encode('MThd'))).toBe('bad-header');
    const message = importMidi(file(header(3, 1, 480), track), 'x.mid');
    expect(!message.ok && message.error.message).toBe('x.mid: bad MIDI header: format 3; only 0, 1 and 2 exist');
  });

  it('accepts a header longer than 6 bytes, skipping the rest', () => {
    const long = chunk('MThd', [0, 0, 0, 1, 1, 0xe0, 9, 9]);
    expect(codeOf(file(long, chunk('MTrk', [...aNote, 0, 0xff, 0x2f, 0])))).toBe('ok');
  });

  it('refuses a header with no track, and a track with no notes', () => {
    expect(codeOf(file(header(0, 1, 480)))).toBe('no-tracks');
    expect(codeOf(file(header(0, 1, 480), chunk('MTrk', [0, 0xff, 0x2f, 0])))).toBe('no-notes');
  });

  it('keeps what was read when a chunk length is larger than the file', () => {
    const track = [...chunk('MTrk', [...aNote, ...aNote])];
    track[7] = 200; // says 200 bytes, 16 follow
    const result = importMidi(file(header(0, 1, 480), track), 'song.mid');
    expect(pieceOf(result).tracks[0].notes).toHaveLength(2);
    expect(pieceOf(result).warnings.join()).toContain('track 1 says 200 bytes but the file ends first');
  });

  it('keeps what was read when a meta event runs past its track', () => {
    const track = chunk('MTrk', [...aNote, 0, 0xff, 0x01, 0x7f, 65, 66]);
    const piece = pieceOf(importMidi(file(header(0, 1, 480), track), 'song.mid'));
    expect(piece.tracks[0].notes).toHaveLength(1);
    expect(piece.warnings.join()).toContain('cut short');
  });

  it('refuses a variable-length number of 5 bytes', () => {
    const track = chunk('MTrk', [0x81, 0x81, 0x81, 0x81, 0x01, 0x90, 60, 90]);
    expect(codeOf(file(header(0, 1, 480), track))).toBe('bad-length');
    const meta = chunk('MTrk', [0, 0xff, 0x01, 0x81, 0x81, 0x81, 0x81, 0x01, 65]);
    expect(codeOf(file(header(0, 1, 480), meta))).toBe('bad-length');
  });

  it('refuses a data byte with no running status, and status bytes that mean nothing in a file', () => {
    expect(codeOf(file(header(0, 1, 480), chunk('MTrk', [0, 60, 90, ...aNote])))).toBe('running-status');
    expect(codeOf(file(header(0, 1, 480), chunk('MTrk', [...aNote, 0, 0xf4, ...aNote])))).toBe('bad-event');
    expect(codeOf(file(header(0, 1, 480), chunk('MTrk', [0, 0x90, 0x80, 90])))).toBe('bad-event');
  });

  it('imports SMPTE time division and refuses an impossible frame rate', () => {
    const track = chunk('MTrk', [...aNote, 0, 0xff, 0x2f, 0]);
    expect(codeOf(file(header(0, 1, 0xe250), track))).toBe('ok'); // −30 fps, 80 ticks per frame
    expect(codeOf(file(header(0, 1, 0xe350), track))).toBe('ok'); // −29 (29.97 drop frame)
    expect(codeOf(file(header(0, 1, 0xf050), track))).toBe('bad-header'); // −16 fps
    expect(codeOf(file(header(0, 1, 0xe800), track))).toBe('bad-header'); // 0 ticks per frame
  });

  it('ignores tempo 0 with a warning and never divides by it', () => {
    const bytes = writeSmf({
      tracks: [
        {
          events: [{ tick: 0, type: 'tempoMicros', micros: 0 }, ...noteEvents([{ pitch: 60, tick: 0, duration: 480 }])],
        },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 'song.mid'));
    expect(piece.tempoMap).toEqual([{ tick: 0, bpm: 120 }]);
    expect(piece.warnings).toContain('a tempo of 0 ignored');
  });

  it('refuses a piece longer than 24 hours (huge delta times), quickly', () => {
    const huge = vlq(0x0fffffff);
    const body = [
      0,
      0x90,
      60,
      90,
      ...Array.from({ length: 1000 }, () => [...huge, 0xb0, 7, 100]).flat(),
      0,
      0x80,
      60,
      0,
    ];
    const start = performance.now();
    const result = importMidi(file(header(0, 1, 480), chunk('MTrk', body)), 'song.mid');
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'too-long' });
    expect(!result.ok && result.error.message).toMatch(/^song\.mid: lasts [\d,]+ hours; the limit is 24 hours$/);
  });

  it('refuses a piece beyond the tick limit even when it is short in seconds (a very fast tempo)', () => {
    // Tempo 1 µs per quarter: 0x0FFFFFFF × 40 ticks at 1 tick per quarter last 3 hours but are 5e12 ticks at 480.
    const huge = vlq(0x0fffffff);
    const body = [
      0,
      0xff,
      0x51,
      3,
      0,
      0,
      1,
      0,
      0x90,
      60,
      90,
      ...Array.from({ length: 40 }, () => [...huge, 0xb0, 7, 1]).flat(),
    ];
    const result = importMidi(file(header(0, 1, 1), chunk('MTrk', [...body, 0, 0x80, 60, 0])), 'fast.mid');
    expect(!result.ok && result.error.message).toMatch(
      /^fast\.mid: lasts [\d,]+ ticks; the limit is 2,147,483,647 ticks/,
    );
  });

  it('ignores a huge delta time after the last note (nothing sounds there)', () => {
    const body = [...aNote, ...vlq(0x0fffffff), 0xff, 0x51, 3, 7, 0xa1, 0x20, 0, 0xff, 0x2f, 0];
    expect(codeOf(file(header(0, 1, 480), chunk('MTrk', body)))).toBe('ok');
  });

  it('refuses a file larger than the size limit, saying the limit', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(header(0, 1, 480));
    const result = importMidi(big, 'big.mid');
    expect(!result.ok && result.error).toMatchObject({ code: 'too-large' });
    expect(!result.ok && result.error.message).toContain('16,777,216');
  });

  it('imports 300,000 notes in reasonable time and refuses more notes than the limit', () => {
    const start = performance.now();
    const piece = pieceOf(importMidi(manyNotesFile(300_000), 'many.mid'));
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(piece.tracks[0].notes).toHaveLength(300_000);
    const result = importMidi(manyNotesFile(MAX_NOTES + 1), 'more.mid');
    expect(!result.ok && result.error).toMatchObject({
      code: 'too-many-notes',
      message: 'more.mid: more than 500,000 notes (the limit)',
    });
  });

  it('refuses more events than the limit, saying the limit', () => {
    // Controller changes with running status, 3 bytes each (delta, controller, value).
    const count = MAX_EVENTS + 1;
    const body = new Uint8Array(1 + count * 3);
    body.set([0, 0xb0, 7, 100]);
    for (let i = 1; i < count; i++) {
      body[1 + i * 3 + 1] = 7;
      body[1 + i * 3 + 2] = 100;
    }
    const head = [
      ...header(0, 1, 480),
      ...chunk('MTrk', []).slice(0, 4),
      ...[24, 16, 8, 0].map((s) => (body.length >>> s) & 0xff),
    ];
    const bytes = new Uint8Array(head.length + body.length);
    bytes.set(head);
    bytes.set(body, head.length);
    const result = importMidi(bytes, 'events.mid');
    expect(!result.ok && result.error).toEqual({
      code: 'too-many-events',
      file: 'events.mid',
      message: 'events.mid: more than 2,000,000 events (the limit)',
    });
  });
});
