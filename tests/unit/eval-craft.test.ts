import { describe, expect, it } from 'vitest';
import { skyline } from '../../src/corpus';
import {
  craftScore,
  isStrongBeat,
  leapRecovery,
  measureClashes,
  measureCraft,
  measureHarmonicRhythm,
  measureInversions,
  measureMelody,
  measureParallels,
  measureSwing,
  measureVoicing,
  percentile,
  phraseContinuity,
  sonorities,
  strongBeatsOf,
  summarizeCraft,
  wideLeaps,
} from '../../src/eval';
import { chorale, composed, corpusPiece, note } from '../helpers/craftPieces';

// I – IV – V – I in C, four parts, no parallels (checked by hand: see the comments in each test).
const GOOD = [
  [72, 67, 64, 48],
  [72, 69, 65, 53],
  [71, 67, 62, 55],
  [72, 67, 64, 48],
];

describe('parallel fifths and octaves', () => {
  const measure = (rows: (number | null)[][]) => measureParallels(sonorities(craftScore(chorale(rows))));

  it('counts none in a progression voiced by the rules', () => {
    expect(measure(GOOD)).toEqual({ fifths: { count: 0, of: 3 }, octaves: { count: 0, of: 3 } });
  });

  it('counts a chord moved up a step with all its voices (planted fault)', () => {
    // alto–bass a twelfth (19) and soprano–bass two octaves (24), both kept while all move up.
    const faulty = [GOOD[0], GOOD[0].map((p) => p + 2), ...GOOD.slice(2)];
    const m = measure(faulty);
    expect(m.fifths.count).toBe(1);
    expect(m.octaves.count).toBe(1);
    expect(m.fifths.of).toBe(3);
  });

  it('counts unisons moving together as octaves, and fifths between inner voices', () => {
    expect(
      measure([
        [72, 64, 64, 48],
        [74, 65, 65, 50],
      ]).octaves.count,
    ).toBe(1);
    expect(
      measure([
        [79, 67, 60, 48],
        [77, 65, 58, 41],
      ]).fifths.count,
    ).toBe(1);
  });

  it('does not count fifths by contrary motion, a held voice, or a beat where nothing changes', () => {
    // tenor–bass: a fifth (55–48), then a twelfth (62–43) in contrary motion.
    expect(
      measure([
        [72, 64, 55, 48],
        [71, 67, 62, 43],
      ]).fifths,
    ).toEqual({ count: 0, of: 1 });
    // bass holds while the tenor moves from one fifth above it to … not a fifth: nothing moves in parallel.
    expect(
      measure([
        [72, 64, 55, 48],
        [72, 64, 55, 48],
        [74, 65, 55, 48],
      ]),
    ).toEqual({ fifths: { count: 0, of: 1 }, octaves: { count: 0, of: 1 } });
  });
});

describe('voices, crossing and soprano doubling', () => {
  it('reads a composed piece as melody + chord notes + bass, and counts doublings and crossings', () => {
    const piece = composed([4, 4], 1, {
      melody: [note(72, 0, 480), note(72, 480, 480), note(67, 960, 480), note(72, 1440, 480)],
      chords: [
        ...[60, 64, 67].map((p) => note(p, 0, 480)), // beat 1: under the soprano
        ...[65, 69, 72].map((p) => note(p, 480, 480)), // beat 2: its top doubles the soprano
        ...[62, 65, 71].map((p) => note(p, 960, 480)), // beat 3: its top above the soprano
      ],
      bass: [note(48, 0, 1440), note(70, 1440, 480)], // beat 4: the bass alone under the soprano
    });
    const m = measureVoicing(sonorities(craftScore(piece)));
    expect(m.voices).toBe(5); // median of 5, 5, 5, 2
    expect(m.sopranoUnison).toEqual({ count: 1, of: 4 });
    expect(m.aboveSoprano).toEqual({ count: 1, of: 4 });
    expect(m.crossing).toEqual({ count: 1, of: 4 });
  });

  it('counts an inner voice above the soprano and a bass above the tenor (planted faults)', () => {
    const clean = measureVoicing(sonorities(craftScore(chorale(GOOD))));
    expect(clean).toEqual({
      voices: 4,
      crossing: { count: 0, of: 4 },
      sopranoUnison: { count: 0, of: 4 },
      aboveSoprano: { count: 0, of: 4 },
    });
    const crossed = measureVoicing(
      sonorities(
        craftScore(
          chorale([
            [72, 74, 64, 48], // alto above the soprano
            [72, 69, 65, 67], // bass above the tenor
            [72, 72, 64, 48], // alto doubles the soprano
          ]),
        ),
      ),
    );
    expect(crossed.aboveSoprano).toEqual({ count: 1, of: 3 });
    expect(crossed.crossing).toEqual({ count: 2, of: 3 });
    expect(crossed.sopranoUnison).toEqual({ count: 1, of: 3 });
  });
});

describe('inversions', () => {
  it('counts chords whose lowest sounding note is not the root', () => {
    const rows = [
      [72, 67, 64, 48], // C, root in the bass
      [72, 67, 60, 52], // C over E: first inversion
      [71, 67, 62, 55], // G, root
      [72, 67, 64, 55], // C over G: second inversion
    ];
    const chords = ['C', 'C/E', 'G', 'C/G'].map((symbol, i) => ({ tick: i * 480, symbol }));
    expect(measureInversions(craftScore(chorale(rows, chords)))).toEqual({ count: 2, of: 4 });
  });

  it('reads the bass that sounds, not the symbol: a root-position symbol over a third in the bass is inverted', () => {
    const chords = [{ tick: 0, symbol: 'C' }];
    expect(measureInversions(craftScore(chorale([[72, 67, 60, 52]], chords)))).toEqual({ count: 1, of: 1 });
    expect(measureInversions(craftScore(chorale([[72, 67, 64, 48]], chords)))).toEqual({ count: 0, of: 1 });
  });

  it('reads slash symbols when a tune has no accompanying notes', () => {
    const tune = corpusPiece(
      [4, 4],
      [{ name: 'm', role: 'melody', notes: [note(72, 0, 1920)] }],
      [
        { tick: 0, duration: 960, symbol: 'C/E' },
        { tick: 960, duration: 960, symbol: 'G' },
      ],
    );
    expect(measureInversions(craftScore(tune))).toEqual({ count: 1, of: 2 });
  });
});

describe('strong beats and clashes', () => {
  it('names the strong beats of each meter', () => {
    expect(strongBeatsOf([4, 4])).toEqual([0, 960]);
    expect(strongBeatsOf([2, 4])).toEqual([0, 480]);
    expect(strongBeatsOf([3, 4])).toEqual([0]);
    expect(strongBeatsOf([6, 8])).toEqual([0, 720]);
    expect(strongBeatsOf([9, 8])).toEqual([0]);
    expect(strongBeatsOf([12, 8])).toEqual([0, 1440]);
    expect(isStrongBeat(1920 + 960 + 10, [4, 4])).toBe(true); // humanized by 10 ticks
    expect(isStrongBeat(480, [4, 4])).toBe(false);
  });

  const clashPiece = (melody: number, chord: number[]) =>
    composed([4, 4], 1, {
      melody: [note(melody, 0, 480), note(melody + 1, 480, 480)],
      chords: chord.map((p) => note(p, 0, 1920)),
      bass: [note(36, 0, 1920)],
    });

  it('counts a strong-beat melody note a semitone or minor ninth from a sounding chord tone', () => {
    // F5 over C E G: E4 is a minor ninth under it (77 − 64 = 13).
    expect(measureClashes(craftScore(clashPiece(77, [60, 64, 67]))).clashes).toEqual({ count: 1, of: 1 });
    // G5 over C E G: consonant (planted-fault control: the same piece, the clash removed).
    expect(measureClashes(craftScore(clashPiece(79, [60, 64, 67]))).clashes).toEqual({ count: 0, of: 1 });
    // a chord tone a semitone above the melody clashes too.
    expect(measureClashes(craftScore(clashPiece(66, [60, 64, 67]))).clashes.count).toBe(1);
  });

  it('keeps major sevenths apart: a B over C is not a clash, only counted with the sevenths', () => {
    const m = measureClashes(craftScore(clashPiece(71, [60, 64, 67])));
    expect(m.clashes.count).toBe(0);
    expect(m.withSevenths.count).toBe(1);
  });

  it('hears a tune without accompaniment against its chord symbols', () => {
    const tune = corpusPiece(
      [4, 4],
      [{ name: 'm', role: 'melody', notes: [note(77, 0, 960), note(79, 960, 960)] }],
      [{ tick: 0, duration: 1920, symbol: 'C' }],
    );
    expect(measureClashes(craftScore(tune)).clashes).toEqual({ count: 1, of: 2 });
  });
});

describe('the melody: leap recovery, range, density, rhythm values', () => {
  const line = (pitches: number[]) => pitches.map((p, i) => note(p, i * 480, 480));

  it('counts leaps of a fifth or more answered by a step back', () => {
    expect(leapRecovery(line([60, 67, 65]))).toEqual({ count: 1, of: 1 });
    expect(leapRecovery(line([72, 60, 62]))).toEqual({ count: 1, of: 1 });
    expect(leapRecovery(line([60, 67, 69]))).toEqual({ count: 0, of: 1 }); // goes on up
    expect(leapRecovery(line([60, 67, 64]))).toEqual({ count: 0, of: 1 }); // a third back
    expect(leapRecovery(line([60, 65, 64]))).toEqual({ count: 0, of: 0 }); // a fourth is not a leap of a fifth
    expect(leapRecovery(line([60, 64, 72]))).toEqual({ count: 0, of: 0 }); // nothing follows the leap
  });

  it('counts moves wider than an octave among all moves', () => {
    expect(wideLeaps(line([86, 64, 69, 67]))).toEqual({ count: 1, of: 3 }); // D6 → E4: 22 semitones
    expect(wideLeaps(line([60, 72, 60]))).toEqual({ count: 0, of: 2 }); // an octave is not wider than an octave
  });

  it('measures range, notes per bar over the bars the tune plays, and distinct inter-onset times', () => {
    const piece = composed([4, 4], 3, {
      // bar 1 silent (an intro), then 6 notes over bars 2–3; humanized onsets (±10) add no values.
      melody: [
        note(60, 1920, 480),
        note(64, 2400 + 10, 240),
        note(65, 2640, 240),
        note(72, 2880 - 10, 960),
        note(67, 3840, 960),
        note(62, 4800, 960),
      ],
    });
    const m = measureMelody(craftScore(piece));
    expect(m.range).toBe(12);
    expect(m.notesPerBar).toBe(3);
    expect(m.distinctIois).toBe(3); // 480, 240, 960
  });

  it('follows the top note when the melody plays a double stop', () => {
    expect(skyline([note(60, 0, 480), note(67, 0, 480), note(65, 480, 480)]).map((n) => n.pitch)).toEqual([67, 65]);
  });
});

describe('phrase continuity', () => {
  it('counts phrases that begin within a sixth of where the last one ended (composed: sections in phrases)', () => {
    const bar = 1920;
    const piece = composed(
      [4, 4],
      8,
      {
        melody: [
          note(86, 3 * bar, bar), // phrase 1 ends on D6
          note(64, 4 * bar, bar), // phrase 2 begins on E4: 22 semitones away (the folk-jig fault)
          note(72, 7 * bar, bar), // ends on C5 (the same phrase)
        ],
      },
      [],
      [{ label: 'A', tick: 0, bars: 8 }],
    );
    expect(phraseContinuity(craftScore(piece, { phraseBars: 4 }))).toEqual({ count: 0, of: 1 });
    piece.tracks[0].notes[1] = note(79, 4 * bar, bar); // G5: a seventh under D6 … within 9
    expect(phraseContinuity(craftScore(piece, { phraseBars: 4 }))).toEqual({ count: 1, of: 1 });
  });

  it('reads an imported tune on a four-bar grid', () => {
    const bar = 1920;
    const tune = corpusPiece(
      [4, 4],
      [
        {
          name: 'm',
          role: 'melody',
          notes: [note(60, 0, 4 * bar), note(74, 4 * bar, 4 * bar), note(60, 8 * bar, bar)],
        },
      ],
    );
    expect(phraseContinuity(craftScore(tune))).toEqual({ count: 0, of: 2 });
    expect(craftScore(tune).phrases).toEqual([0, 4 * bar, 8 * bar]);
  });
});

describe('harmonic rhythm', () => {
  it('counts chord changes between beats, quarter beats in 4/4 and dotted quarters in 6/8', () => {
    const four = composed([4, 4], 2, {}, [
      { tick: 0, symbol: 'C' },
      { tick: 1920, symbol: 'D7' },
      { tick: 1920 + 1280, symbol: 'G' }, // beat 2⅔ of bar 2: the folk-dance fault
    ]);
    expect(measureHarmonicRhythm(craftScore(four)).offBeat).toEqual({ count: 1, of: 2 });
    const jig = composed([6, 8], 1, {}, [
      { tick: 0, symbol: 'D' },
      { tick: 480, symbol: 'G' }, // the third eighth: inside the first dotted-quarter beat
      { tick: 720, symbol: 'A' }, // the second beat
    ]);
    expect(measureHarmonicRhythm(craftScore(jig)).offBeat).toEqual({ count: 1, of: 2 });
  });

  it('joins a chord struck again into one and measures the longest in beats and bars', () => {
    const piece = composed([3, 4], 4, {}, [
      { tick: 0, symbol: 'F' },
      { tick: 1440, symbol: 'C7' },
      { tick: 2880, symbol: 'C7' },
      { tick: 4320, symbol: 'F' },
    ]);
    const h = measureHarmonicRhythm(craftScore(piece));
    expect(h.longestBars).toBe(2);
    expect(h.longestBeats).toBe(6);
    expect(h.lengths).toEqual([3, 6, 3]);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95)).toBe(19);
  });
});

describe('swing', () => {
  const eighths = (late: number, pitch = 42) =>
    Array.from({ length: 16 }, (_, i) => note(pitch, i * 240 + (i % 2 ? late : 0), 100));

  it('finds the part left straight when another swings (written against played)', () => {
    const written = composed([4, 4], 2, { melody: eighths(0, 72), drums: eighths(0) });
    const played = composed([4, 4], 2, { melody: eighths(0, 72), drums: eighths(70) });
    const m = measureSwing(craftScore(played), 'eighth', craftScore(written));
    expect(m.swung).toBe(true);
    expect(m.parts.drums.eighth).toEqual({ count: 8, of: 8 });
    expect(m.parts.melody.eighth).toEqual({ count: 0, of: 8 });
    expect(m.straight).toEqual(['melody']);
    const both = composed([4, 4], 2, { melody: eighths(70, 72), drums: eighths(70) });
    expect(measureSwing(craftScore(both), 'eighth', craftScore(written)).straight).toEqual([]);
  });

  it('reads swing from the grid without a written score, and timing humanization is not swing', () => {
    const swung = composed([4, 4], 2, { drums: eighths(70) });
    expect(measureSwing(craftScore(swung)).swung).toBe(true);
    const humanized = composed([4, 4], 2, { drums: eighths(12) });
    expect(measureSwing(craftScore(humanized)).swung).toBe(false);
    const sixteenths = composed([4, 4], 1, {
      drums: Array.from({ length: 16 }, (_, i) => note(42, i * 120 + (i % 2 ? 30 : 0), 60)),
    });
    expect(measureSwing(craftScore(sixteenths)).unit).toBe('sixteenth');
  });
});

describe('one reader for composed and imported pieces', () => {
  it('gives the same measures for the same notes either way', () => {
    const rows = [...GOOD, GOOD[0].map((p) => p + 2)];
    const imported = chorale(
      rows,
      ['C', 'F', 'G', 'C', 'D'].map((symbol, i) => ({ tick: i * 480, symbol })),
    );
    const asPiece = composed(
      [4, 4],
      2,
      Object.fromEntries(
        imported.tracks
          .filter((t) => t.role !== 'other')
          .map((t) => [t.role === 'melody' ? 'melody' : 'bass', t.notes]),
      ),
    );
    asPiece.tracks.splice(
      1,
      0,
      ...imported.tracks
        .filter((t) => t.role === 'other')
        .map((t, i) => ({ id: `inner${i}`, name: t.name, role: t.role, channel: 5 + i, program: 0, notes: t.notes })),
    );
    asPiece.chords = (imported.chords ?? []).map((c) => ({ ...c, roman: '' }));
    asPiece.chords[asPiece.chords.length - 1].duration = 3840 - 1920;
    const a = measureCraft(imported);
    const b = measureCraft(asPiece);
    expect(b.parallels).toEqual(a.parallels);
    expect(b.voicing).toEqual(a.voicing);
    expect(b.inversions).toEqual(a.inversions);
    expect(b.clashes).toEqual(a.clashes);
    expect(b.melody).toEqual(a.melody);
  });

  it('summarizes a set: pooled shares with the lowest and highest piece', () => {
    const clean = measureCraft(chorale(GOOD));
    const faulty = measureCraft(chorale([GOOD[0], GOOD[0].map((p) => p + 2)]));
    const s = summarizeCraft([clean, faulty]);
    expect(s.pieces).toBe(2);
    expect(s.parallelFifths).toEqual({ share: 1 / 4, count: 1, of: 4, min: 0, max: 1 });
    expect(s.voices).toEqual({ mean: 4, min: 4, max: 4 });
  });
});
