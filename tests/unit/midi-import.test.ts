import { describe, expect, it } from 'vitest';
import { CORPUS_FORMAT, CORPUS_VERSION, corpusFileSchema } from '../../src/corpus';
import { importMidi, secondsAt, secondsAtTick } from '../../src/corpus/midi';
import { expectPieceOrTypedError, pieceOf } from '../helpers/importChecks';
import { chunk, noteEvents, type WriterEvent, type WriterNote, writeSmf } from '../helpers/smfWriter';

/** A G major tune (melody) over block chords, both at `ppq`. */
function gMajorTune(ppq = 480): { melody: WriterNote[]; chords: WriterNote[] } {
  const q = ppq;
  const line = [67, 71, 74, 71, 72, 69, 66, 62, 67, 71, 69, 66, 67, 74, 71, 67];
  const melody = line.map((pitch, i) => ({ pitch, tick: i * q, duration: q }));
  const chordTones = [
    [43, 55, 59, 62],
    [48, 55, 60, 64],
    [50, 54, 57, 62],
    [43, 55, 59, 62],
  ];
  const chords = chordTones.flatMap((tones, bar) =>
    tones.map((pitch) => ({ pitch, tick: bar * 4 * q, duration: 4 * q })),
  );
  return { melody, chords };
}

const conductor = (events: WriterEvent[]) => ({ events });

describe('importMidi: structure', () => {
  it('reads a format 1 file: title, tempo, meter, key signature, roles, ticks rescaled to 480', () => {
    const { melody, chords } = gMajorTune(96);
    const bytes = writeSmf({
      format: 1,
      ppq: 96,
      tracks: [
        conductor([
          { tick: 0, type: 'name', text: 'My Song' },
          { tick: 0, type: 'tempo', bpm: 100 },
          { tick: 0, type: 'meter', numerator: 4, denominator: 4 },
          { tick: 0, type: 'key', sf: 1, mi: 0 },
        ]),
        { events: noteEvents(melody) },
        { events: noteEvents(chords) },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 'songs/My Song.mid'));
    expect(piece).toMatchObject({ id: 'my-song', title: 'My Song', source: 'songs/My Song.mid', licence: 'unknown' });
    expect(piece).toMatchObject({ format: 1, key: 'G', mode: 'major', meter: [4, 4], tempo: 100 });
    expect(piece.keySignature).toEqual({ key: 'G', mode: 'major' });
    expect(piece.keyEstimate).toMatchObject({ key: 'G', mode: 'major' });
    expect(piece.keyAgreement).toBe('same');
    expect(piece.tracks.map((t) => [t.name, t.role, t.channel, t.program])).toEqual([
      ['', 'melody', 0, 0],
      ['', 'chords', 0, 0],
    ]);
    expect(piece.tracks[0].notes.slice(0, 2)).toEqual([
      { pitch: 67, tick: 0, duration: 480, velocity: 90 },
      { pitch: 71, tick: 480, duration: 480, velocity: 90 },
    ]);
    expect(piece.warnings).toEqual([]);
  });

  it('fits the corpus format (schema) once wrapped in a corpus file', () => {
    const { melody } = gMajorTune();
    const piece = pieceOf(importMidi(writeSmf({ tracks: [{ events: noteEvents(melody) }] }), 'tune.mid'));
    const file = {
      format: CORPUS_FORMAT,
      version: CORPUS_VERSION,
      name: 'x',
      description: '',
      ppq: 480,
      pieces: [piece],
    };
    expect(corpusFileSchema.safeParse(file).success).toBe(true);
  });

  it('splits a format 0 file with several channels into one track per channel, with programs', () => {
    const bytes = writeSmf({
      format: 0,
      tracks: [
        {
          events: [
            { tick: 0, type: 'program', program: 73, channel: 0 },
            { tick: 0, type: 'program', program: 33, channel: 1 },
            { tick: 0, type: 'program', program: 0, channel: 2 },
            ...noteEvents([
              ...[72, 74, 76, 77, 79, 77, 76, 74].map((pitch, i) => ({
                pitch,
                tick: i * 480,
                duration: 480,
                channel: 0,
              })),
              ...[36, 43, 41, 43].map((pitch, i) => ({ pitch, tick: i * 960, duration: 960, channel: 1 })),
              ...[60, 64, 67].map((pitch) => ({ pitch, tick: 0, duration: 1920, channel: 2 })),
              ...[60, 64, 67].map((pitch) => ({ pitch, tick: 1920, duration: 1920, channel: 2 })),
              ...[0, 480, 960, 1440].map((tick) => ({ pitch: 36, tick, duration: 60, channel: 9 })),
            ]),
          ],
        },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 'band.mid'));
    expect(piece.format).toBe(0);
    expect(piece.tracks.map((t) => [t.channel, t.role, t.program, t.notes.length])).toEqual([
      [0, 'melody', 73, 8],
      [1, 'bass', 33, 4],
      [2, 'chords', 0, 6],
      [9, 'drums', 0, 4],
    ]);
  });

  it('plays the patterns of a format 2 file one after another', () => {
    const pattern = (pitch: number) => ({ events: noteEvents([{ pitch, tick: 0, duration: 960 }]) });
    const piece = pieceOf(importMidi(writeSmf({ format: 2, tracks: [pattern(60), pattern(64)] }), 'p.mid'));
    expect(piece.format).toBe(2);
    expect(piece.tracks.map((t) => t.notes[0].tick)).toEqual([0, 960]);
    expect(piece.warnings.join()).toContain('one after another');
  });

  it('reads running status and gives the same piece as without it', () => {
    const { melody, chords } = gMajorTune();
    const events = noteEvents([...melody, ...chords]);
    const plain = importMidi(writeSmf({ tracks: [{ events }] }), 'a.mid');
    const running = importMidi(writeSmf({ tracks: [{ events, runningStatus: true }] }), 'a.mid');
    expect(writeSmf({ tracks: [{ events, runningStatus: true }] }).length).toBeLessThan(
      writeSmf({ tracks: [{ events }] }).length,
    );
    expect(running).toEqual(plain);
  });

  it('builds the tempo map from tempo changes and converts ticks to seconds', () => {
    const bytes = writeSmf({
      ppq: 960,
      tracks: [
        {
          events: [
            { tick: 0, type: 'tempo', bpm: 120 },
            { tick: 1920, type: 'tempo', bpm: 60 },
            { tick: 3840, type: 'tempo', bpm: 60 },
            ...noteEvents([{ pitch: 60, tick: 0, duration: 5760 }]),
          ],
        },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 't.mid'));
    expect(piece.tempoMap).toEqual([
      { tick: 0, bpm: 120 },
      { tick: 960, bpm: 60 },
    ]);
    expect(secondsAtTick(piece.tempoMap, 960)).toBeCloseTo(1, 9);
    expect(secondsAtTick(piece.tempoMap, 1440)).toBeCloseTo(2, 9);
    const at = secondsAt(piece.tempoMap);
    expect([0, 480, 960, 1440, 2880].map(at)).toEqual([0, 0.5, 1, 2, 5]);
    expect(piece.tempo).toBe(60); // in effect longest
  });

  it('starts the tempo map at 120 bpm and the meters at 4/4 when the file says nothing at tick 0', () => {
    const bytes = writeSmf({
      tracks: [
        {
          events: [
            { tick: 1920, type: 'tempo', bpm: 90 },
            { tick: 1920, type: 'meter', numerator: 3, denominator: 4 },
            ...noteEvents([{ pitch: 60, tick: 0, duration: 1920 + 1440 * 3 }]),
          ],
        },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 't.mid'));
    expect(piece.tempoMap).toEqual([
      { tick: 0, bpm: 120 },
      { tick: 1920, bpm: 90 },
    ]);
    expect(piece.meters).toEqual([
      { tick: 0, meter: [4, 4] },
      { tick: 1920, meter: [3, 4] },
    ]);
    expect(piece.meter).toEqual([3, 4]);
  });

  it('takes a note-on with velocity 0 as a note-off', () => {
    const events: WriterEvent[] = [
      { tick: 0, type: 'on', pitch: 60, velocity: 80 },
      { tick: 480, type: 'on', pitch: 60, velocity: 0 },
      { tick: 480, type: 'on', pitch: 62, velocity: 70 },
      { tick: 960, type: 'on', pitch: 62, velocity: 0 },
    ];
    const piece = pieceOf(importMidi(writeSmf({ tracks: [{ events, runningStatus: true }] }), 'v.mid'));
    expect(piece.tracks[0].notes).toEqual([
      { pitch: 60, tick: 0, duration: 480, velocity: 80 },
      { pitch: 62, tick: 480, duration: 480, velocity: 70 },
    ]);
  });

  it('ends a sounding note when the same key starts again, whatever order the events come in', () => {
    const events: WriterEvent[] = [
      { tick: 0, type: 'on', pitch: 60 },
      { tick: 240, type: 'on', pitch: 60 }, // starts again while sounding
      { tick: 480, type: 'off', pitch: 60 },
      { tick: 720, type: 'off', pitch: 60 }, // nothing left to end
      { tick: 960, type: 'on', pitch: 64 },
      { tick: 1440, type: 'on', pitch: 64 }, // new note-on before the old note-off at the same tick
      { tick: 1440, type: 'off', pitch: 64 },
      { tick: 1920, type: 'off', pitch: 64 },
    ];
    const piece = pieceOf(importMidi(writeSmf({ tracks: [{ events }] }), 'o.mid', { quantize: false }));
    expect(piece.tracks[0].notes.map((n) => [n.pitch, n.tick, n.duration])).toEqual([
      [60, 0, 240],
      [60, 240, 240],
      [64, 960, 480],
      [64, 1440, 480],
    ]);
    expect(piece.warnings.join('\n')).toContain('started again');
  });

  it('ends notes left sounding at the end of the track, and counts zero-length notes in one warning', () => {
    const events: WriterEvent[] = [
      { tick: 0, type: 'on', pitch: 60 },
      ...[62, 64, 65].flatMap((pitch): WriterEvent[] => [
        { tick: 480, type: 'on', pitch },
        { tick: 480, type: 'off', pitch },
      ]),
      { tick: 960, type: 'on', pitch: 67 },
      { tick: 1920, type: 'off', pitch: 67 },
      { tick: 2400, type: 'text', text: 'end' },
    ];
    const piece = pieceOf(importMidi(writeSmf({ tracks: [{ events }] }), 'z.mid'));
    expect(piece.tracks[0].notes.map((n) => [n.pitch, n.tick, n.duration])).toEqual([
      [60, 0, 2400],
      [67, 960, 960],
    ]);
    expect(piece.warnings).toEqual([
      'track 1: a note of zero length dropped (3 times)',
      'track 1: a note still sounding at the end of the track ended there',
    ]);
  });

  it('keeps every key signature, uses the one in effect longest, and compares it with the estimate', () => {
    const { melody, chords } = gMajorTune();
    const bytes = writeSmf({
      tracks: [
        {
          events: [
            { tick: 0, type: 'key', sf: -3, mi: 1 }, // C minor, for one quarter only
            { tick: 480, type: 'key', sf: 1, mi: 0 },
            ...noteEvents([...melody, ...chords]),
          ],
        },
      ],
    });
    const piece = pieceOf(importMidi(bytes, 'k.mid'));
    expect(piece.keySignatures).toEqual([
      { tick: 0, key: 'C', mode: 'minor' },
      { tick: 480, key: 'G', mode: 'major' },
    ]);
    expect(piece).toMatchObject({ key: 'G', mode: 'major', keyAgreement: 'same' });
  });

  it('uses the estimate when there is no key signature, and tells relative keys apart', () => {
    const { melody, chords } = gMajorTune();
    const none = pieceOf(importMidi(writeSmf({ tracks: [{ events: noteEvents([...melody, ...chords]) }] }), 'n.mid'));
    expect(none.keySignature).toBeUndefined();
    expect(none.keyAgreement).toBeUndefined();
    expect(none).toMatchObject({ key: 'G', mode: 'major' });
    const relative = pieceOf(
      importMidi(
        writeSmf({
          tracks: [{ events: [{ tick: 0, type: 'key', sf: 1, mi: 1 }, ...noteEvents([...melody, ...chords])] }],
        }),
        'r.mid',
      ),
    );
    expect(relative).toMatchObject({ key: 'E', mode: 'minor', keyAgreement: 'relative' });
  });

  it('imports SMPTE time as if at 120 bpm over a derived resolution', () => {
    // 25 frames per second × 40 ticks per frame = 1000 ticks per second; a quarter is 0.5 s = 500 ticks.
    const events: WriterEvent[] = [
      { tick: 0, type: 'tempo', bpm: 60 },
      ...noteEvents([
        { pitch: 60, tick: 1000, duration: 500 },
        { pitch: 62, tick: 1500, duration: 250 },
      ]),
    ];
    const word = ((256 - 25) << 8) | 40;
    const piece = pieceOf(importMidi(writeSmf({ divisionWord: word, tracks: [{ events }] }), 's.mid'));
    expect(piece.tracks[0].notes.map((n) => [n.tick, n.duration])).toEqual([
      [960, 480],
      [1440, 240],
    ]);
    expect(piece.tempoMap).toEqual([{ tick: 0, bpm: 120 }]);
    expect(secondsAtTick(piece.tempoMap, 960)).toBe(1);
    expect(piece.warnings.join()).toContain('SMPTE');
  });

  it('unwraps a RIFF RMID file and skips unknown chunks', () => {
    const smf = writeSmf({ tracks: [{ events: noteEvents([{ pitch: 60, tick: 0, duration: 480 }]) }] });
    const withJunkChunk = new Uint8Array([...smf.subarray(0, 14), ...chunk('XFIH', [1, 2, 3]), ...smf.subarray(14)]);
    expect(pieceOf(importMidi(withJunkChunk, 'x.mid')).tracks[0].notes).toHaveLength(1);
    const data = chunk('data', smf);
    const riff = new Uint8Array([
      ...chunk('RIFF', [...[...'RMID'].map((c) => c.charCodeAt(0)), ...data]).map((b, i) => (i >= 4 && i < 8 ? 0 : b)),
    ]);
    // RIFF sizes are little-endian: write the data chunk's size that way.
    const view = new DataView(riff.buffer);
    view.setUint32(16, smf.length, true);
    expect(pieceOf(importMidi(riff, 'x.rmi')).tracks[0].notes).toHaveLength(1);
  });

  it('keeps what was read of a track cut short, with a warning', () => {
    const notes = [0, 1, 2, 3].map((i) => ({ pitch: 60 + i, tick: i * 480, duration: 480 }));
    const bytes = writeSmf({ tracks: [{ events: noteEvents(notes) }] });
    const result = importMidi(bytes.subarray(0, bytes.length - 10), 'cut.mid');
    expectPieceOrTypedError(result, 'cut.mid');
    const piece = pieceOf(result);
    expect(piece.tracks[0].notes.length).toBeGreaterThanOrEqual(3);
    expect(piece.warnings.join('\n')).toMatch(/track 1 says \d+ bytes but the file ends first/);
  });

  it('leaves ticks as they are (rescaled) with quantize: false', () => {
    const bytes = writeSmf({ tracks: [{ events: noteEvents([{ pitch: 60, tick: 7, duration: 101 }]) }] });
    expect(pieceOf(importMidi(bytes, 'q.mid', { quantize: false })).tracks[0].notes[0]).toMatchObject({
      tick: 7,
      duration: 101,
    });
    expect(pieceOf(importMidi(bytes, 'q.mid')).tracks[0].notes[0]).toMatchObject({ tick: 0, duration: 120 });
  });

  it('takes the title from the first track name, else a text event, else the file name', () => {
    const note = noteEvents([{ pitch: 60, tick: 0, duration: 480 }]);
    const titled = (events: WriterEvent[]) =>
      pieceOf(importMidi(writeSmf({ tracks: [{ events }] }), 'dir/Some Tune.MID'));
    expect(titled([{ tick: 0, type: 'name', text: 'Reel' }, ...note]).title).toBe('Reel');
    expect(titled([{ tick: 0, type: 'text', text: 'Jig\u0000' }, ...note]).title).toBe('Jig');
    expect(titled(note)).toMatchObject({ title: 'Some Tune', id: 'some-tune' });
  });
});
