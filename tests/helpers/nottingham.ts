import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMidi } from 'midi-file';
import { type Meter, PPQ } from '../../src/core';
import type { Mode, Note } from '../../src/corpus';

/**
 * A small reader for the well-formed Nottingham files of the shared corpora, for tests only (the
 * product's robust importer lives in src/corpus): notes per track rescaled to PPQ, the first time
 * signature and the first key signature.
 */
export interface MidiTune {
  file: string;
  meter: Meter;
  key: string;
  mode: Mode;
  tracks: Note[][];
}

/** The shared corpora folder (../shared/corpora from the repository root), as a path. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

const MAJOR = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
const MINOR = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];

/** Paths of the .mid files of a corpus folder, sorted; [] when the folder is missing. */
export function midiFilesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.mid'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/** Reads one SMF into a {@link MidiTune}: note on/off paired first in, first out per channel and pitch. */
export function readMidiTune(path: string): MidiTune {
  const midi = parseMidi(readFileSync(path));
  const ppq = midi.header.ticksPerBeat ?? PPQ;
  const scale = (tick: number) => Math.round((tick * PPQ) / ppq);
  let meter: Meter | undefined;
  let key: { key: number; scale: number } | undefined;
  const tracks = midi.tracks.map((events) => {
    const open = new Map<number, { tick: number; velocity: number }[]>();
    const notes: Note[] = [];
    let tick = 0;
    for (const e of events) {
      tick += e.deltaTime;
      if (e.type === 'timeSignature' && !meter) meter = [e.numerator, e.denominator];
      else if (e.type === 'keySignature' && !key) key = { key: e.key, scale: e.scale };
      else if (e.type === 'noteOn' && e.velocity > 0) {
        const id = e.channel * 128 + e.noteNumber;
        open.set(id, [...(open.get(id) ?? []), { tick, velocity: e.velocity }]);
      } else if (e.type === 'noteOn' || e.type === 'noteOff') {
        const started = open.get(e.channel * 128 + e.noteNumber)?.shift();
        if (started && tick > started.tick)
          notes.push({
            pitch: e.noteNumber,
            tick: scale(started.tick),
            duration: scale(tick) - scale(started.tick),
            velocity: started.velocity,
          });
      }
    }
    return notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  });
  const minor = key?.scale === 1;
  const tonic = (minor ? MINOR : MAJOR)[(key?.key ?? 0) + 7] ?? 'C';
  return {
    file: path.split('/').pop() ?? path,
    meter: meter ?? [4, 4],
    key: tonic,
    mode: minor ? 'minor' : 'major',
    tracks,
  };
}
