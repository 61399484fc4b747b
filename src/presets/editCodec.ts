import { type Edit, type NoteRef, PARTS, type PartId } from '../compose';
import { err, MAX_SEED, ok, type Result } from '../core';

/*
 * Edits written compactly for share links and saved settings: `_` between edits, `.` between
 * fields, numbers in base 36 (a minus sign where negative) — characters a URL query keeps as they
 * are, so a link with 50 edits stays well under 2,000 characters. An edit is an operation letter,
 * then (for note edits) the track's letter, then its numbers:
 *
 *   a<track>.tick.duration.pitch.velocity…   add notes (four numbers a note)
 *   x<track>.tick.pitch…                     delete notes
 *   m<track>.dt.dp.tick.pitch…               move notes by dt ticks, dp semitones
 *   l<track>.dd.tick.pitch…                  lengthen notes by dd ticks
 *   v<track>.dv.tick.pitch…                  change velocities by dv
 *   k<track>.from.to                         clear a span of a track (ticks)
 *   c.from.to.ROMAN                          set a chord (ticks; "#" written "*")
 *   r.from.to.parts.seed.variation           regenerate bars [from, to): parts as bits
 *                                            (melody 1, chords 2, bass 4, drums 8), variation in %
 *   h.from.to                                harmonize bars [from, to)
 *
 * e.g. "mm.0.2.a0.1o_r.4.8.1.2n9i.64" moves the melody note at tick 360, pitch 60 up a tone, then
 * regenerates the melody of bars 5–8 from seed 123456 with Variation 1.
 */

/** Most edits a recipe holds (undo keeps 100 steps; a played-in part is one edit). */
export const MAX_EDITS = 2000;
/** Most notes one edit names. */
export const MAX_EDIT_NOTES = 5000;
/** The latest tick an edit may name: 512 bars of 12/4. */
export const MAX_EDIT_TICK = 512 * 5760;

/** An edit list that cannot be read or is out of range, with the edit at fault named. */
export interface EditError {
  code: 'edits';
  /** "edits" or "edits[3]". */
  field: string;
  message: string;
}

const TRACK_LETTER: Record<PartId, string> = { melody: 'm', chords: 'c', bass: 'b', drums: 'd' };
const LETTER_TRACK = new Map(Object.entries(TRACK_LETTER).map(([k, v]) => [v, k as PartId]));
const NOTE_OPS = { add: 'a', delete: 'x', move: 'm', resize: 'l', velocity: 'v', clear: 'k' } as const;
const ROMAN = /^[#b]?(?:I|II|III|IV|V|VI|VII)[A-Za-z0-9#]{0,8}$/;

const n36 = (x: number) => (x < 0 ? `-${(-x).toString(36)}` : x.toString(36));
const refs = (at: readonly NoteRef[]) => at.flatMap(([t, p]) => [n36(t), n36(p)]);

/** The compact text of an edit list (see the format above). */
export function encodeEdits(edits: readonly Edit[]): string {
  return edits
    .map((e) => {
      let fields: string[];
      switch (e.op) {
        case 'add':
          fields = [e.notes.flatMap((n) => [n.tick, n.duration, n.pitch, n.velocity].map(n36)).join('.')];
          break;
        case 'delete':
          fields = refs(e.at);
          break;
        case 'move':
          fields = [n36(e.dt), n36(e.dp), ...refs(e.at)];
          break;
        case 'resize':
          fields = [n36(e.dd), ...refs(e.at)];
          break;
        case 'velocity':
          fields = [n36(e.dv), ...refs(e.at)];
          break;
        case 'clear':
          fields = [n36(e.from), n36(e.to)];
          break;
        case 'chord':
          return ['c', n36(e.from), n36(e.to), e.roman.replace(/#/g, '*')].join('.');
        case 'harmonize':
          return ['h', n36(e.from), n36(e.to)].join('.');
        case 'regenerate': {
          const bits = e.parts.reduce((b, p) => b | (1 << PARTS.indexOf(p)), 0);
          return ['r', n36(e.from), n36(e.to), n36(bits), n36(e.seed), n36(Math.round(e.variation * 100))].join('.');
        }
      }
      return [`${NOTE_OPS[e.op]}${TRACK_LETTER[e.track]}`, ...fields].filter((f) => f !== '').join('.');
    })
    .join('_');
}

class Bad extends Error {}

/** A base-36 integer field within [low, high]. */
function int(text: string | undefined, what: string, low: number, high: number): number {
  if (text === undefined || !/^-?[0-9a-z]{1,8}$/.test(text)) throw new Bad(`${what} is missing or not a number`);
  const value = Number.parseInt(text, 36);
  if (value < low || value > high) throw new Bad(`${what} ${value} is outside ${low}–${high}`);
  return value;
}

function noteRefs(fields: readonly string[]): NoteRef[] {
  if (fields.length === 0 || fields.length % 2 !== 0) throw new Bad('names no notes (tick and pitch pairs)');
  if (fields.length / 2 > MAX_EDIT_NOTES) throw new Bad(`names more than ${MAX_EDIT_NOTES} notes`);
  const out: NoteRef[] = [];
  for (let i = 0; i < fields.length; i += 2)
    out.push([int(fields[i], 'a tick', 0, MAX_EDIT_TICK), int(fields[i + 1], 'a pitch', 0, 127)]);
  return out;
}

function decodeOne(text: string): Edit {
  const [head, ...f] = text.split('.');
  if (head === 'c') {
    if (f.length !== 3) throw new Bad('a chord edit has from, to and a roman numeral');
    const from = int(f[0], 'from', 0, MAX_EDIT_TICK);
    const to = int(f[1], 'to', from + 1, MAX_EDIT_TICK);
    const roman = f[2].replace(/\*/g, '#');
    if (!ROMAN.test(roman)) throw new Bad(`"${roman.slice(0, 12)}" is not a roman numeral`);
    return { op: 'chord', from, to, roman };
  }
  if (head === 'h') {
    if (f.length !== 2) throw new Bad('a harmonization has from and to');
    const from = int(f[0], 'from', 0, 511);
    return { op: 'harmonize', from, to: int(f[1], 'to', from + 1, 512) };
  }
  if (head === 'r') {
    if (f.length !== 5) throw new Bad('a regeneration has from, to, parts, seed and variation');
    const from = int(f[0], 'from', 0, 511);
    const to = int(f[1], 'to', from + 1, 512);
    const bits = int(f[2], 'parts', 1, 15);
    const parts = PARTS.filter((_, i) => bits & (1 << i));
    return {
      op: 'regenerate',
      from,
      to,
      parts,
      seed: int(f[3], 'seed', 0, MAX_SEED),
      variation: int(f[4], 'variation', 0, 100) / 100,
    };
  }
  const op = (Object.keys(NOTE_OPS) as (keyof typeof NOTE_OPS)[]).find((k) => NOTE_OPS[k] === head?.[0]);
  const track = LETTER_TRACK.get(head?.[1] ?? '');
  if (!op || !track || head.length !== 2) throw new Bad(`"${head.slice(0, 8)}" is not an edit`);
  switch (op) {
    case 'add': {
      if (f.length === 0 || f.length % 4 !== 0) throw new Bad('adds notes as tick, duration, pitch, velocity');
      if (f.length / 4 > MAX_EDIT_NOTES) throw new Bad(`adds more than ${MAX_EDIT_NOTES} notes`);
      const notes = [];
      for (let i = 0; i < f.length; i += 4)
        notes.push({
          tick: int(f[i], 'a tick', 0, MAX_EDIT_TICK),
          duration: int(f[i + 1], 'a duration', 1, MAX_EDIT_TICK),
          pitch: int(f[i + 2], 'a pitch', 0, 127),
          velocity: int(f[i + 3], 'a velocity', 1, 127),
        });
      return { op, track, notes };
    }
    case 'delete':
      return { op, track, at: noteRefs(f) };
    case 'move':
      return {
        op,
        track,
        dt: int(f[0], 'the move in ticks', -MAX_EDIT_TICK, MAX_EDIT_TICK),
        dp: int(f[1], 'the move in semitones', -127, 127),
        at: noteRefs(f.slice(2)),
      };
    case 'resize':
      return {
        op,
        track,
        dd: int(f[0], 'the change of length', -MAX_EDIT_TICK, MAX_EDIT_TICK),
        at: noteRefs(f.slice(1)),
      };
    case 'velocity':
      return { op, track, dv: int(f[0], 'the change of velocity', -126, 126), at: noteRefs(f.slice(1)) };
    case 'clear': {
      if (f.length !== 2) throw new Bad('a cleared span has from and to');
      const from = int(f[0], 'from', 0, MAX_EDIT_TICK);
      return { op, track, from, to: int(f[1], 'to', from + 1, MAX_EDIT_TICK) };
    }
  }
}

/**
 * The edits of a compact text (see {@link encodeEdits}). Untrusted (links, storage): anything
 * malformed or out of range is refused with the edit named, e.g. `edits[3]: a pitch 300 is
 * outside 0–127`; nothing half-read is returned.
 */
export function decodeEdits(text: string): Result<Edit[], EditError> {
  if (text === '') return ok([]);
  const parts = text.split('_');
  if (parts.length > MAX_EDITS) return err({ code: 'edits', field: 'edits', message: `more than ${MAX_EDITS} edits` });
  const edits: Edit[] = [];
  for (const [i, part] of parts.entries()) {
    try {
      edits.push(decodeOne(part));
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      return err({ code: 'edits', field: `edits[${i}]`, message: `edit ${i + 1}: ${e.message}` });
    }
  }
  return ok(edits);
}

/**
 * Checks an edit list made in code (the page, saved settings) by writing and reading it back, and
 * gives the list as read back: what is applied is exactly what a share link carries.
 */
export function checkEdits(edits: readonly Edit[]): Result<Edit[], EditError> {
  let text: string;
  try {
    text = encodeEdits(edits);
  } catch {
    return err({ code: 'edits', field: 'edits', message: 'the edits are not well formed' });
  }
  return decodeEdits(text);
}
