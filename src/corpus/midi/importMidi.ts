import { err, ok, PPQ, type Result } from '../../core';
import { type ImportError, importError } from './errors';
import { estimateKey } from './keyEstimate';
import { compareKeys } from './keySignature';
import { formatCount, MAX_SECONDS, MAX_TICKS } from './limits';
import { readFirstText, readTimeline, readTrackName } from './metaEvents';
import { trimOverlapsInPlace } from './overlaps';
import { type PairedTrack, pairNotes } from './pairNotes';
import { idFromFile, titleOf } from './pieceName';
import { quantizeInMeters } from './quantize';
import { readSmf } from './readSmf';
import type { SmfTrack } from './smf';
import { splitChannels } from './splitChannels';
import { buildTempoMap, DEFAULT_BPM } from './tempoMap';
import { buildKeySignatures, buildMeters, longestInEffect, mainKey } from './timeline';
import { createTimeScale } from './timeScale';
import { detectRoles } from './trackRoles';
import { DEFAULT_IMPORT_OPTIONS, type ImportedPiece, type ImportedTrack, type ImportOptions } from './types';
import { createWarnings } from './warnings';

/**
 * Imports a Standard MIDI file (format 0, 1 or 2) as a corpus piece: notes at PPQ 480 quantized to
 * the meter's grid, one track per channel of each track chunk with its role, the tempo map, the time
 * and key signatures, and a key estimate compared with the signature. Untrusted bytes are fine: the
 * work is bounded (see `limits.ts`), and anything that cannot be read is a typed error whose message
 * names the file; what could be repaired is listed in `warnings`. Never throws.
 *
 * @param file the file's name or path as the user knows it: used in messages, the id and the title
 * @example
 * const result = importMidi(new Uint8Array(readFileSync('jig.mid')), 'jig.mid');
 * if (result.ok) console.log(result.value.key, result.value.tracks.map((t) => t.role));
 * else console.error(result.error.message); // e.g. 'song.mid: not a MIDI file (starts with "<!DO")'
 */
export function importMidi(
  bytes: Uint8Array,
  file: string,
  options: Partial<ImportOptions> = {},
): Result<ImportedPiece, ImportError> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, ...options };
  const warnings = createWarnings();
  const smf = readSmf(bytes, file, warnings);
  if (!smf.ok) return smf;
  const { format, division } = smf.value;
  if (format === 2 && smf.value.tracks.length > 1) warnings.add('format 2: the patterns are played one after another');
  const tracks = format === 2 ? playInTurn(smf.value.tracks) : smf.value.tracks;
  const timeline = readTimeline(tracks, warnings);

  const paired: PairedTrack[] = [];
  const notes = { count: 0 };
  for (const [i, track] of tracks.entries()) {
    const result = pairNotes(track, { file, number: i + 1, warnings, notes });
    if (!result.ok) return result;
    paired.push(result.value);
  }
  const lastEnd = paired.reduce((m, t) => t.notes.reduce((e, n) => Math.max(e, n.end), m), 0);
  if (notes.count === 0) return err(importError('no-notes', file, 'the file holds no notes'));

  const scale = createTimeScale(division, timeline.tempos);
  if (division.kind === 'smpte' && timeline.tempos.length > 0) {
    warnings.add(`SMPTE time division: tempo events ignored, imported at ${DEFAULT_BPM} bpm`);
  }
  const seconds = scale.toSeconds(lastEnd);
  const end = scale.toTicks(lastEnd);
  if (!(seconds <= MAX_SECONDS)) {
    const hours = `${formatCount(seconds / 3600)} hours`;
    return err(importError('too-long', file, `lasts ${hours}; the limit is ${MAX_SECONDS / 3600} hours`));
  }
  if (!(end <= MAX_TICKS)) {
    const limit = `${formatCount(MAX_TICKS)} ticks at ${PPQ} per quarter note`;
    return err(importError('too-long', file, `lasts ${formatCount(end)} ticks; the limit is ${limit}`));
  }

  const inPiece = <T extends { tick: number }>(p: T) => p.tick <= lastEnd;
  const meters = buildMeters(
    timeline.meters.filter(inPiece).map((m) => ({ tick: scale.toTicks(m.tick), meter: m.meter })),
    end,
  );
  const names = tracks.map(readTrackName);
  const channels = splitAndQuantize(paired, names, scale, meters, opts);
  const roles = detectRoles(channels);
  const imported: ImportedTrack[] = channels.map((t, i) => ({ ...t, role: roles[i] }));

  const tempoMap = buildTempoMap(
    division.kind === 'smpte'
      ? []
      : timeline.tempos
          .filter(inPiece)
          .map((t) => ({ tick: scale.toTicks(t.tick), bpm: roundBpm(60_000_000 / t.microsPerQuarter) })),
  );
  const keySignatures = buildKeySignatures(
    timeline.keys.filter(inPiece).map((k) => ({ ...k, tick: scale.toTicks(k.tick) })),
    end,
  );
  const keySignature = mainKey(keySignatures, end);
  const keyEstimate = estimateKey(
    imported.filter((t) => t.role !== 'drums').flatMap((t) => t.notes),
    opts.keyProfiles,
  );
  const { key, mode } = keySignature ?? keyEstimate;
  return ok({
    id: idFromFile(file),
    title: titleOf(names[0] ?? '', tracks[0] ? readFirstText(tracks[0]) : '', file),
    source: file,
    licence: 'unknown',
    key,
    mode,
    meter: meters[longestInEffect(meters, end)].meter,
    tempo: Math.round(tempoMap[longestInEffect(tempoMap, end)].bpm * 100) / 100,
    tracks: imported,
    format,
    tempoMap,
    meters,
    keySignatures,
    ...(keySignature ? { keySignature, keyAgreement: compareKeys(keySignature, keyEstimate) } : {}),
    keyEstimate,
    warnings: warnings.list(),
  });
}

/** Tempo to a thousandth of a bpm: what a file's whole microseconds per quarter mean (666,667 µs = 90 bpm). */
function roundBpm(bpm: number): number {
  return Math.max(0.001, Math.round(bpm * 1000) / 1000);
}

/** Splits tracks by channel (see {@link splitChannels}) and quantizes each when asked to. */
function splitAndQuantize(
  paired: readonly PairedTrack[],
  names: readonly string[],
  scale: ReturnType<typeof createTimeScale>,
  meters: ReturnType<typeof buildMeters>,
  opts: ImportOptions,
) {
  return splitChannels(paired, names, scale).map((t) => ({
    ...t,
    notes: opts.quantize
      ? quantizeInMeters(t.notes, meters, { triplets: opts.triplets })
      : trimOverlapsInPlace(t.notes),
  }));
}

/** Format 2: each pattern starts where the one before ends, so the patterns play in turn. */
function playInTurn(tracks: readonly SmfTrack[]): SmfTrack[] {
  let offset = 0;
  return tracks.map((t) => {
    const shifted: SmfTrack = {
      ticks: t.ticks.map((x) => x + offset),
      messages: t.messages,
      metas: t.metas.map((m) => ({ ...m, tick: m.tick + offset })),
      endTick: t.endTick + offset,
    };
    offset = shifted.endTick;
    return shifted;
  });
}
