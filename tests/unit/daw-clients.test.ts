/**
 * The MIDI export in the programs people open it with: every preset × 3 seeds imported by MuseScore 3
 * (key, meter, tempo, part names, instruments, note count as in the piece) and played by fluidsynth
 * with the FluidR3 General MIDI font at gain 0.5 (no clipping; each part rendered alone sits within
 * 6 dB of the others). The seeds are not the ones the General MIDI level table was measured on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { midiKeySignature, pieceToMidi, splitTracks } from '../../src/export';
import { builtinPresets, exportMidi, type Generated, generate } from '../../src/presets';
import { fluidRender, fluidsynthAvailable, type Levels, wavLevels } from '../helpers/fluidRender';
import { musescoreAvailable, musescoreConvert, readMusicXml } from '../helpers/musescore';

const SEEDS = [101, 102, 103];
/** Largest loudness difference between the parts of a piece, each rendered alone. */
const MAX_SPREAD_DB = 6;
const dir = mkdtempSync(join(tmpdir(), 'muse-daw-'));

interface Job {
  name: string;
  g: Generated;
  mid: string;
  parts: { id: string; mid: string }[];
}

function jobs(): Job[] {
  return builtinPresets().flatMap((preset) =>
    SEEDS.map((seed) => {
      const made = generate({ preset: preset.name, seed });
      if (!made.ok) throw new Error(made.error.message);
      const g = made.value;
      const name = `${preset.name}-${seed}`;
      const whole = exportMidi(g);
      const split = exportMidi(g, { perTrack: true });
      if (!whole.ok || !split.ok) throw new Error(`${name}: export failed`);
      const mid = join(dir, `${name}.mid`);
      writeFileSync(mid, whole.value[0].bytes);
      const parts = split.value.map((f, i) => {
        const part = { id: g.piece.tracks[i].id, mid: join(dir, f.name) };
        writeFileSync(part.mid, f.bytes);
        return part;
      });
      return { name, g, mid, parts };
    }),
  );
}

/** What MuseScore's import gets wrong about `piece`, read from its MusicXML. */
function scoreProblems(piece: Piece, xml: string): string[] {
  const score = readMusicXml(xml);
  const problems: string[] = [];
  const fifths = midiKeySignature(piece.key, piece.mode).sharpsOrFlats;
  const meter = `${piece.meter[0]}/${piece.meter[1]}`;
  if (score.tempo === undefined || Math.abs(score.tempo - piece.tempo) > 0.5)
    problems.push(`tempo ${score.tempo}, not ${piece.tempo}`);
  if (score.parts.length !== piece.tracks.length)
    problems.push(`${score.parts.length} parts, not ${piece.tracks.length}`);
  piece.tracks.forEach((track, i) => {
    const part = score.parts[i];
    if (!part) return;
    const at = `part ${i + 1} (${track.name})`;
    if (!part.name.includes(track.name)) problems.push(`${at}: named "${part.name}"`);
    if (part.channel !== track.channel + 1) problems.push(`${at}: channel ${part.channel}`);
    if (track.role !== 'drums') {
      if (part.program !== track.program + 1) problems.push(`${at}: program ${part.program}, not ${track.program + 1}`);
      if (part.fifths[0] !== fifths) problems.push(`${at}: key ${part.fifths[0]} fifths, not ${fifths}`);
    }
    if (part.meters[0] !== meter) problems.push(`${at}: meter ${part.meters[0]}, not ${meter}`);
    if (part.notes !== track.notes.length) problems.push(`${at}: ${part.notes} notes, not ${track.notes.length}`);
  });
  return problems;
}

/** What is wrong with a render: clipping, and parts more than {@link MAX_SPREAD_DB} apart. */
function levelProblems(whole: Levels, parts: Levels[]): string[] {
  const problems: string[] = [];
  if (whole.clipped > 0 || whole.peakDb >= -0.1)
    problems.push(`clips: peak ${whole.peakDb.toFixed(1)} dBFS, ${whole.clipped} samples`);
  const loud = parts.map((p) => p.loudnessDb);
  const spread = Math.max(...loud) - Math.min(...loud);
  if (spread > MAX_SPREAD_DB)
    problems.push(`parts ${spread.toFixed(1)} dB apart (${loud.map((l) => l.toFixed(1)).join(', ')})`);
  return problems;
}

/** Runs `tasks` two at a time. */
async function twoAtATime(tasks: (() => Promise<void>)[]): Promise<void> {
  const queue = [...tasks];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) await t();
  };
  await Promise.all([worker(), worker()]);
}

const render = async (mid: string): Promise<Levels> => {
  const wav = mid.replace(/\.mid$/, '.wav');
  await fluidRender(mid, wav);
  return wavLevels(wav);
};

describe.skipIf(!musescoreAvailable())('MuseScore 3 imports every preset × 3 seeds as the piece is', () => {
  let all: Job[];
  beforeAll(async () => {
    all = jobs();
    await musescoreConvert(
      all.map((j) => ({ in: j.mid, out: j.mid.replace(/\.mid$/, '.musicxml') })),
      dir,
    );
  }, 600_000);

  it('key (fifths), meter, tempo, part names, instruments and note count', () => {
    const lines: string[] = [];
    for (const j of all) {
      const score = readMusicXml(j.mid.replace(/\.mid$/, '.musicxml'));
      expect(scoreProblems(j.g.piece, j.mid.replace(/\.mid$/, '.musicxml')), j.name).toEqual([]);
      const { key, mode, meter } = j.g.piece;
      lines.push(
        `${j.name}: ${key} ${mode} (fifths ${score.parts[0].fifths[0]}), ${meter.join('/')}, ${score.tempo} bpm, ` +
          score.parts.map((p) => `${p.name} [${p.program ?? 'kit'}] ${p.notes}`).join('; '),
      );
    }
    console.info(`MuseScore 3 import:\n${lines.join('\n')}`);
  });

  it('negative control: a wrong key signature (D major for E flat) is caught', async () => {
    const g = all.find((j) => j.name.startsWith('lofi-jazz'))?.g;
    if (!g) throw new Error('no lofi-jazz');
    // The planted fault: every key signature FF 59 02 FD 00 (E flat major) made FF 59 02 02 00 (D
    // major). Without any key signature MuseScore guesses the key from the notes.
    const bytes = pieceToMidi(g.piece);
    for (let i = 0; i + 4 < bytes.length; i++)
      if (bytes[i] === 0xff && bytes[i + 1] === 0x59 && bytes[i + 2] === 2 && bytes[i + 3] === 0xfd)
        bytes[i + 3] = 0x02;
    const mid = join(dir, 'no-key.mid');
    writeFileSync(mid, bytes);
    await musescoreConvert([{ in: mid, out: join(dir, 'no-key.musicxml') }], dir, 1);
    const problems = scoreProblems(g.piece, join(dir, 'no-key.musicxml'));
    expect(problems.some((p) => p.includes('key 2 fifths, not -3'))).toBe(true);
  }, 120_000);
});

describe.skipIf(!fluidsynthAvailable())('fluidsynth (FluidR3 GM, gain 0.5) plays every preset × 3 seeds', () => {
  it('without clipping, the parts within 6 dB of each other', async () => {
    const all = jobs();
    const results = new Map<string, { whole: Levels; parts: Levels[] }>();
    await twoAtATime(
      all.map((j) => async () => {
        const whole = await render(j.mid);
        const parts: Levels[] = [];
        for (const p of j.parts) parts.push(await render(p.mid));
        results.set(j.name, { whole, parts });
      }),
    );
    const lines: string[] = [];
    for (const j of all) {
      const r = results.get(j.name);
      if (!r) throw new Error(`${j.name}: not rendered`);
      expect(levelProblems(r.whole, r.parts), j.name).toEqual([]);
      const loud = r.parts.map((p) => p.loudnessDb);
      lines.push(
        `${j.name}: peak ${r.whole.peakDb.toFixed(1)} dBFS, loudness ${r.whole.loudnessDb.toFixed(1)} dB, parts ` +
          `${j.parts.map((p, i) => `${p.id} ${loud[i].toFixed(1)}`).join(', ')} (spread ${(Math.max(...loud) - Math.min(...loud)).toFixed(1)} dB)`,
      );
    }
    console.info(`fluidsynth renders:\n${lines.join('\n')}`);
  }, 900_000);

  it('negative control: every part at full volume (the export before) clips chiptune and spreads its parts', async () => {
    const made = generate({ preset: 'chiptune', seed: SEEDS[0] });
    if (!made.ok) throw new Error(made.error.message);
    const piece = made.value.piece;
    const full = Object.fromEntries(piece.tracks.map((t) => [t.id, { volume: 127, pan: 64 }]));
    const mid = join(dir, 'loud.mid');
    writeFileSync(mid, pieceToMidi(piece, { mix: full }));
    const parts: Levels[] = [];
    for (const p of splitTracks(piece)) {
      const one = join(dir, `loud-${p.tracks[0].id}.mid`);
      writeFileSync(one, pieceToMidi(p, { mix: full }));
      parts.push(await render(one));
    }
    const problems = levelProblems(await render(mid), parts);
    expect(problems.some((p) => p.startsWith('clips'))).toBe(true);
    expect(problems.some((p) => p.startsWith('parts'))).toBe(true);
  }, 300_000);
});
