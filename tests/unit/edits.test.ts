import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyNoteEdit, checkPiece, type Edit, PARTS, tidyNotes } from '../../src/compose';
import {
  decodeEdits,
  encodeEdits,
  generate,
  History,
  MAX_EDIT_TICK,
  parseShareFragment,
  pieceJson,
  shareFragment,
} from '../../src/presets';
import { tinyPiece } from '../helpers/pieces';

const notesOf = (piece: ReturnType<typeof tinyPiece>, id: string) => piece.tracks.find((t) => t.id === id)?.notes;

describe('note edits', () => {
  it('add, move, resize, velocity, delete and clear change only the notes they name', () => {
    let p = tinyPiece();
    const before = tinyPiece();
    p =
      applyNoteEdit(p, {
        op: 'add',
        track: 'melody',
        notes: [{ tick: 240, duration: 120, pitch: 71, velocity: 80 }],
      }) ?? p;
    expect(notesOf(p, 'melody')?.map((n) => n.tick)).toEqual([0, 240, 480, 960]);
    p = applyNoteEdit(p, { op: 'move', track: 'melody', at: [[240, 71]], dt: 60, dp: -2 }) ?? p;
    expect(notesOf(p, 'melody')?.[1]).toMatchObject({ tick: 300, pitch: 69 });
    p = applyNoteEdit(p, { op: 'resize', track: 'melody', at: [[300, 69]], dd: 60 }) ?? p;
    expect(notesOf(p, 'melody')?.[1].duration).toBe(180);
    p =
      applyNoteEdit(p, {
        op: 'velocity',
        track: 'melody',
        at: [
          [300, 69],
          [0, 64],
        ],
        dv: 200,
      }) ?? p;
    expect(
      notesOf(p, 'melody')
        ?.map((n) => n.velocity)
        .slice(0, 2),
    ).toEqual([127, 127]);
    p = applyNoteEdit(p, { op: 'delete', track: 'melody', at: [[300, 69]] }) ?? p;
    expect(notesOf(p, 'melody')?.length).toBe(3);
    p = applyNoteEdit(p, { op: 'clear', track: 'chords', from: 1920, to: 3840 }) ?? p;
    expect(notesOf(p, 'chords')?.length).toBe(3);
    expect(notesOf(p, 'bass')).toBe(notesOf(before, 'bass') && notesOf(p, 'bass'));
    expect(notesOf(p, 'bass')).toEqual(notesOf(before, 'bass'));
    expect(checkPiece(p)).toEqual([]);
  });

  it('a note named that is not there is passed over', () => {
    const p = tinyPiece();
    expect(applyNoteEdit(p, { op: 'delete', track: 'melody', at: [[7, 7]] })?.tracks).toEqual(p.tracks);
  });

  it('tidying keeps a track well formed: inside the piece, no overlap of one pitch', () => {
    const notes = tidyNotes(
      [
        { tick: -50, duration: 100, pitch: 200, velocity: 0 },
        { tick: 0, duration: 1000, pitch: 60, velocity: 90 },
        { tick: 480, duration: 9000, pitch: 60, velocity: 90 },
      ],
      1920,
    );
    expect(notes).toEqual([
      { tick: 0, duration: 480, pitch: 60, velocity: 90 },
      { tick: 0, duration: 100, pitch: 127, velocity: 1 },
      { tick: 480, duration: 1440, pitch: 60, velocity: 90 },
    ]);
  });
});

const ref = fc.tuple(fc.integer({ min: 0, max: MAX_EDIT_TICK }), fc.integer({ min: 0, max: 127 }));
const track = fc.constantFrom(...PARTS);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    track,
    notes: fc.array(
      fc.record({
        tick: fc.integer({ min: 0, max: MAX_EDIT_TICK }),
        duration: fc.integer({ min: 1, max: 9000 }),
        pitch: fc.integer({ min: 0, max: 127 }),
        velocity: fc.integer({ min: 1, max: 127 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({ op: fc.constant('delete' as const), track, at: fc.array(ref, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    op: fc.constant('move' as const),
    track,
    at: fc.array(ref, { minLength: 1, maxLength: 4 }),
    dt: fc.integer({ min: -5000, max: 5000 }),
    dp: fc.integer({ min: -24, max: 24 }),
  }),
  fc.record({
    op: fc.constant('velocity' as const),
    track,
    at: fc.array(ref, { minLength: 1 }),
    dv: fc.integer({ min: -126, max: 126 }),
  }),
  fc.record({
    op: fc.constant('resize' as const),
    track,
    at: fc.array(ref, { minLength: 1 }),
    dd: fc.integer({ min: -960, max: 960 }),
  }),
  fc.record({
    op: fc.constant('chord' as const),
    from: fc.integer({ min: 0, max: 1000 }),
    to: fc.integer({ min: 1001, max: 9000 }),
    roman: fc.constantFrom('I', 'V7', '#IVo', 'bVII', 'VIm', 'IIm7'),
  }),
  fc.record({
    op: fc.constant('regenerate' as const),
    from: fc.integer({ min: 0, max: 100 }),
    to: fc.integer({ min: 101, max: 512 }),
    parts: fc.subarray([...PARTS], { minLength: 1 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    variation: fc.integer({ min: 0, max: 100 }).map((v) => v / 100),
  }),
);

describe('the compact edit text', () => {
  it('reads back every edit list it writes', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 20 }), (edits) => {
        const text = encodeEdits(edits);
        expect(text).toMatch(/^[0-9a-zA-Z._*-]*$/);
        expect(decodeEdits(text)).toEqual({ ok: true, value: edits });
      }),
    );
  });

  it('refuses what is malformed or out of range, naming the edit', () => {
    const bad: [string, RegExp][] = [
      ['am.0.1o.9s.20', /edit 1: a pitch 352 is outside 0–127/],
      ['mm.0.2.0.1o_xq.0.1o', /edit 2: "xq" is not an edit/],
      ['r.8.4.1.0.64', /edit 1: to 4 is outside 9–512/],
      ['r.0.4.0.0.64', /parts 0 is outside 1–15/],
      ['r.0.4.1.0.2t', /variation 101 is outside 0–100/],
      ['c.0.3c.__proto__', /edit 1:/],
      ['c.0.3c.Xyz', /"Xyz" is not a roman numeral/],
      ['xm.0', /names no notes/],
      ['am.1.2.3', /adds notes as tick, duration, pitch, velocity/],
      ['vm.zzzzzzzzz.0.1o', /not a number/],
    ];
    for (const [text, message] of bad) {
      const r = decodeEdits(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error.message, text).toMatch(message);
    }
  });

  it('a share link with 50 edits stays under 2,000 characters (and would not as JSON)', () => {
    const g = generate({ preset: 'pop-ballad', seed: 5 });
    if (!g.ok) throw new Error(g.error.message);
    const melody = g.value.piece.tracks[0].notes;
    const edits: Edit[] = [];
    for (let i = 0; i < 50; i++) {
      const n = melody[(i * 7) % melody.length];
      const kind = i % 5;
      if (kind === 0) edits.push({ op: 'move', track: 'melody', at: [[n.tick, n.pitch]], dt: 120, dp: i % 2 ? 2 : -1 });
      else if (kind === 1)
        edits.push({ op: 'add', track: 'melody', notes: [{ ...n, tick: n.tick + 240, pitch: n.pitch + 4 }] });
      else if (kind === 2) edits.push({ op: 'velocity', track: 'melody', at: [[n.tick, n.pitch]], dv: -16 });
      else if (kind === 3)
        edits.push({
          op: 'regenerate',
          from: i % 32,
          to: (i % 32) + 4,
          parts: ['melody', 'chords'],
          seed: 4000000000 - i,
          variation: 0.35,
        });
      else edits.push({ op: 'chord', from: (i % 32) * 1920, to: (i % 32) * 1920 + 960, roman: 'V7' });
    }
    const link = `https://example.org/markov-muse/#${shareFragment({ ...g.value.recipe, edits })}`;
    expect(link.length).toBeLessThan(2000);
    // Negative control: the same edits as JSON in the link do not fit, so the bound means something.
    const naive = `${link}&j=${encodeURIComponent(JSON.stringify(edits))}`;
    expect(naive.length).toBeGreaterThan(2000);
    const back = parseShareFragment(link.slice(link.indexOf('#')));
    expect(back.ok && back.value.recipe.edits).toEqual(edits);
  });

  it('a share link with a broken edit is refused with the field named', () => {
    const r = parseShareFragment('#v=1&preset=pop-ballad&seed=1&e=mm.0.2.0.1o_am.1');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ code: 'share-link', field: 'e[1]', message: expect.stringMatching(/edit 2/) });
  });
});

describe('edits in the recipe', () => {
  it('the same recipe with edits gives the same piece, through a share link too, and its provenance says edited', () => {
    const plain = generate({ preset: 'folk-dance', seed: 11 });
    if (!plain.ok) throw new Error(plain.error.message);
    const n = plain.value.piece.tracks[0].notes[3];
    const edits: Edit[] = [
      { op: 'move', track: 'melody', at: [[n.tick, n.pitch]], dt: 0, dp: 12 },
      { op: 'regenerate', from: 8, to: 16, parts: ['melody', 'chords', 'bass'], seed: 77, variation: 1 },
      { op: 'chord', from: 0, to: 1920, roman: 'IV' },
    ];
    const a = generate({ ...plain.value.recipe, edits });
    const link = parseShareFragment(shareFragment({ ...plain.value.recipe, edits }));
    if (!a.ok || !link.ok) throw new Error('generate or link failed');
    const b = generate(link.value.recipe);
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.piece).toEqual(a.value.piece);
    expect(a.value.piece).not.toEqual(plain.value.piece);
    expect(checkPiece(a.value.piece)).toEqual([]);
    const provenance = JSON.parse(pieceJson(a.value)).provenance;
    expect(provenance.edited).toBe('1 move, 1 regeneration, 1 chord change');
    expect(provenance.recipe.edits).toBe(encodeEdits(edits));
    expect(JSON.parse(pieceJson(plain.value)).provenance.edited).toBeUndefined();
  });

  it('a recipe with a malformed edit is refused by generate', () => {
    const r = generate({
      preset: 'folk-dance',
      seed: 1,
      edits: [{ op: 'move', track: 'melody', at: [[0.5, 60]], dt: 0, dp: 1 }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/edit 1/);
  });
});

describe('History', () => {
  it('undoes and redoes, keeps 100 steps, and forgets the undone steps after a new change', () => {
    const h = new History<number>(100);
    let now = 0;
    for (let i = 1; i <= 150; i++) {
      h.push(now);
      now = i;
    }
    let steps = 0;
    for (let back = h.undo(now); back !== undefined; back = h.undo(now)) {
      now = back;
      steps++;
    }
    expect(steps).toBe(100);
    expect(now).toBe(50);
    now = h.redo(now) ?? now;
    expect(now).toBe(51);
    h.push(now);
    now = 999;
    expect(h.canRedo).toBe(false);
    expect(h.undo(now)).toBe(51);
  });
});
