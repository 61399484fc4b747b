import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importMidi } from '../../src/corpus/midi';
import { importProblems } from '../helpers/importChecks';
import { chunk, noteEvents, type WriterEvent, writeSmf } from '../helpers/smfWriter';

/** Each import must end within this many milliseconds, whatever the bytes. */
const TIME_BOUND_MS = 2000;
const FILE = 'fuzz.mid';

/** Imports bytes and returns what is wrong with the outcome: a throw, a slow call, a malformed result. */
function check(bytes: Uint8Array): string[] {
  const start = performance.now();
  let problems: string[];
  try {
    problems = importProblems(importMidi(bytes, FILE), FILE);
  } catch (e) {
    problems = [`threw ${String(e)}`];
  }
  const ms = performance.now() - start;
  return ms < TIME_BOUND_MS ? problems : [...problems, `took ${ms.toFixed(0)} ms`];
}

/** Valid files that reach every part of the reader: formats 0–2, running status, metas, sysex, SMPTE. */
function seeds(): Uint8Array[] {
  const tune = noteEvents([
    ...[67, 71, 74, 72].map((pitch, i) => ({ pitch, tick: i * 160, duration: 160 })),
    ...[43, 55, 59].map((pitch) => ({ pitch, tick: 0, duration: 1440, channel: 1 })),
    { pitch: 36, tick: 0, duration: 30, channel: 9 },
  ]);
  const metas: WriterEvent[] = [
    { tick: 0, type: 'name', text: 'Seed' },
    { tick: 0, type: 'tempo', bpm: 100 },
    { tick: 0, type: 'meter', numerator: 6, denominator: 8 },
    { tick: 0, type: 'key', sf: -2, mi: 1 },
    { tick: 0, type: 'raw', bytes: [0xf0, 3, 0x7e, 0x7f, 0xf7] },
    { tick: 720, type: 'tempo', bpm: 140 },
  ];
  return [
    writeSmf({ format: 0, tracks: [{ events: [...metas, ...tune], runningStatus: true }] }),
    writeSmf({ format: 1, ppq: 96, tracks: [{ events: metas }, { events: tune }, { events: tune }] }),
    writeSmf({ format: 2, tracks: [{ events: tune }, { events: [...metas, ...tune], runningStatus: true }] }),
    writeSmf({ divisionWord: 0xe728, tracks: [{ events: [...metas, ...tune] }] }),
  ];
}

type Mutation = { kind: 'flip' | 'insert' | 'delete' | 'set'; at: number; byte: number };

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  const out = [...bytes];
  for (const { kind, at, byte } of mutations) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 'flip') out[i] ^= 1 << (byte % 8);
    else if (kind === 'set') out[i] = byte;
    else if (kind === 'insert') out.splice(i, 0, byte);
    else out.splice(i, 1);
  }
  return new Uint8Array(out);
}

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('flip', 'insert', 'delete', 'set'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
});

describe('importMidi: property tests', () => {
  it('random bytes give a piece or a typed error, quickly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(check(bytes)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('random track bodies behind a valid header give a piece or a typed error, quickly', () => {
    const header = chunk('MThd', [0, 1, 0, 2, 0, 96]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 512 }), (a, b) => {
        const bytes = new Uint8Array([...header, ...chunk('MTrk', a), ...chunk('MTrk', b)]);
        expect(check(bytes)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('valid files with bytes flipped, set, inserted or deleted give a piece or a typed error, quickly', () => {
    const files = seeds();
    for (const f of files) expect(importMidi(f, FILE).ok).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        (which, mutations) => {
          expect(check(mutate(files[which], mutations))).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
