import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from '../../src/core';
import { reportCorpus } from '../../src/corpus/report';
import type { CorpusPiece } from '../../src/corpus/types';
import { extractFeatures } from '../../src/eval';
import { callSpreads, sourceFiles } from '../helpers/sourceScan';

/**
 * Issue #19, case 3: `Math.max(0, ...spread)` over the 200k notes of one MIDI file overflowed the
 * stack and lost the corpus report. No call in src/ spreads an array whose length comes from the
 * user's data; the few spreads left are over lists the program bounds, each named here with why.
 */
const BOUNDED: Record<string, string[]> = {
  'src/cli/stats.ts': ['Math.max(...rows.map'], // 7 rows of the stats table
  'src/core/base64.ts': ['String.fromCharCode(...bytes.subarray'], // slices of 0x8000 bytes
  'src/corpus/midi/metaEvents.ts': ['String.fromCharCode(...bytes)'], // bytes cut to MAX_TEXT * 4 above
  'src/corpus/midi/quantize.ts': ['Math.min(...steps)'], // 2 or 4 grid steps
  'src/engine/instruments/kit.ts': ['Math.max(...Object.values(KIT)'], // the drum kit's dozen hits
  // A chain's effects: at most MAX_EFFECTS (8), the schema's limit.
  'src/engine/graph/graph.ts': [
    'made.push(...masterEffects)',
    'connectSeries(volume, ...(masterEffects',
    'made.push(...effects)',
    'connectSeries(instrument, gate, ...(effects',
  ],
  'src/engine/render/render.ts': ['connectSeries(source, ...(effects'], // the master's end: at most 8 effects
  'src/eval/craft/swing.ts': ['Math.max(0, ...Object.values(parts)'], // a piece's few parts
  'src/engine/instruments/voices.ts': ['rest.push(...a.events.filter'], // a note's few automation events
  'src/engine/wav.ts': ['String.fromCharCode(...bytes.subarray(at, at + 4))'], // 4 bytes
  'src/model/harmonyPhrase.ts': ['allOf(...constraints)'], // a phrase's few constraints
  'src/model/originality.ts': ['Math.max(index.maxRun + 1, ...ngrams)'], // n-gram sizes 3…L + 1
  'src/model/rhythmPhrase.ts': ['allOf(...all)'], // a phrase's few constraints
  'src/ui/midiOutput.ts': ['...ports.map'], // the browser's MIDI ports
  'src/ui/mixer.ts': ['...tracks.map'], // a piece's 3–4 tracks
  'src/ui/originalityPanel.ts': ['...PARTS.flatMap', '...closestList('], // 3 parts, 3 closest pieces
  'src/ui/pieceSummary.ts': ['...piece.tracks.map'], // a piece's tracks
  'src/ui/presetEditor.ts': ['...(v === undefined', '...Object.entries(shape)'], // one control; a schema's fields
  'src/ui/reportCharts.ts': ['...reportCharts(r)'], // 4 charts
  'src/ui/sectionLoop.ts': ['replaceChildren(...options)'], // a form's sections (at most 34)
};

describe('no spread over unbounded arrays (issue #19, case 3)', () => {
  it('finds call spreads and leaves array literals, object spreads and rest parameters alone (planted faults)', () => {
    const planted = [
      'const top = Math.max(0, ...notes.map((n) => n.tick));',
      'pieces.push(...result.pieces);',
      'const s = String.fromCharCode(...bytes);',
      'new Set(...lists);',
    ];
    for (const line of planted) expect(callSpreads(line), line).toHaveLength(1);
    const fine = [
      'const all = [...a, ...b];',
      'const o = { ...defaults, ...options };',
      'function allOf(...constraints: Allowed[]) {}',
      'const f = (...xs: number[]) => xs.length;',
      "const r = /a(...)b/.test('x');",
      "const s = '(...)'; // f(...x)",
    ];
    for (const line of fine) expect(callSpreads(line), line).toEqual([]);
  });

  it('src/ has none but the bounded ones listed, each with its bound', () => {
    const unlisted: string[] = [];
    const listedSeen = new Set<string>();
    for (const file of sourceFiles('src')) {
      const allowed = BOUNDED[file.replaceAll('\\', '/')] ?? [];
      for (const s of callSpreads(readFileSync(file, 'utf8'))) {
        const listed = allowed.find((a) => s.text.includes(a));
        if (listed) listedSeen.add(listed);
        else unlisted.push(`${file}:${s.line}: ${s.text}`);
      }
    }
    expect(unlisted).toEqual([]);
    // The scanner sees the listed ones (a list entry whose code is gone is removed from the list).
    expect([...listedSeen].sort()).toEqual(Object.values(BOUNDED).flat().sort());
  });

  it('the loops that replace them work on 200,000 values', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 100_003);
    expect(() => Math.max(...values)).toThrow(RangeError); // what the spread did
    expect(maxOf(values)).toBe(100_002);
    expect(minOf(values)).toBe(0);
    expect(maxOf([], 0)).toBe(0);
    expect(pushAll([1], values)).toHaveLength(200_001);
  });

  it('the corpus report and the stats features take a piece of 200,000 notes', () => {
    const notes = Array.from({ length: 200_000 }, (_, i) => ({
      pitch: 48 + (i % 24),
      tick: i * 120,
      duration: 120,
      velocity: 80,
    }));
    const piece: CorpusPiece = {
      id: 'many',
      title: 'many notes',
      source: 'built by the test',
      licence: 'CC0-1.0',
      key: 'C',
      mode: 'major',
      meter: [4, 4],
      tempo: 120,
      tracks: [{ name: 'Melody', role: 'melody', notes }],
      chords: [{ tick: 0, duration: 1920, symbol: 'C' }],
    };
    const report = reportCorpus([piece]);
    expect(report.notes).toBe(200_000);
    expect(report.seconds).toBe(25_000); // 200,000 × 120 ticks = 50,000 quarters at 120 bpm
    expect(extractFeatures(piece).pitchRange).toBe(23);
  });
});
