import type { Meter } from '../../core';
import { type Key, keyOfSignature } from './keySignature';
import {
  META_KEY_SIGNATURE,
  META_TEMPO,
  META_TEXT,
  META_TIME_SIGNATURE,
  META_TRACK_NAME,
  type SmfMeta,
  type SmfTrack,
} from './smf';
import type { Warnings } from './warnings';

/** Tempo, time signature and key signature changes of a whole file, sorted by tick, in file ticks. */
export interface FileTimeline {
  tempos: { tick: number; microsPerQuarter: number }[];
  meters: { tick: number; meter: Meter }[];
  keys: ({ tick: number } & Key)[];
}

/** Longest name or title kept, in characters. */
const MAX_TEXT = 200;
/** Time signature denominators the corpus format accepts. */
const DENOMINATORS = [2, 4, 8, 16];

/**
 * Gathers the tempo, time signature and key signature events of all tracks (in format 1 usually
 * track 0, but any track counts). Events at the same tick stay in file order, so the later one wins
 * when the caller keeps one per tick. Malformed events are ignored with a warning: tempo 0 (it
 * would stop time), a meter other than 1–32 over 2, 4, 8 or 16, a key beyond 7 sharps or flats.
 */
export function readTimeline(tracks: readonly SmfTrack[], warnings: Warnings): FileTimeline {
  const timeline: FileTimeline = { tempos: [], meters: [], keys: [] };
  for (const track of tracks) {
    for (const meta of track.metas) readTimelineEvent(meta, timeline, warnings);
  }
  const byTick = (a: { tick: number }, b: { tick: number }) => a.tick - b.tick;
  timeline.tempos.sort(byTick);
  timeline.meters.sort(byTick);
  timeline.keys.sort(byTick);
  return timeline;
}

function readTimelineEvent({ tick, type, data }: SmfMeta, timeline: FileTimeline, warnings: Warnings): void {
  if (type === META_TEMPO) {
    const micros = data.length === 3 ? (data[0] << 16) | (data[1] << 8) | data[2] : -1;
    if (micros > 0) timeline.tempos.push({ tick, microsPerQuarter: micros });
    else warnings.add(micros === 0 ? 'a tempo of 0 ignored' : 'a tempo event of the wrong length ignored');
  } else if (type === META_TIME_SIGNATURE) {
    const numerator = data.length >= 2 ? data[0] : 0;
    const denominator = data.length >= 2 && data[1] < 8 ? 2 ** data[1] : 0;
    if (numerator >= 1 && numerator <= 32 && DENOMINATORS.includes(denominator)) {
      timeline.meters.push({ tick, meter: [numerator, denominator] });
    } else {
      warnings.add(`a time signature of ${numerator}/${denominator || '?'} ignored (supported: 1–32 over 2, 4, 8, 16)`);
    }
  } else if (type === META_KEY_SIGNATURE) {
    const key = data.length === 2 ? keyOfSignature((data[0] << 24) >> 24, data[1]) : undefined;
    if (key) timeline.keys.push({ tick, ...key });
    else warnings.add('a key signature out of range ignored');
  }
}

/** The first track name of a track, or "" when it has none. */
export function readTrackName(track: SmfTrack): string {
  const meta = track.metas.find((m) => m.type === META_TRACK_NAME && m.data.length > 0);
  return meta ? decodeText(meta.data) : '';
}

/** The first non-empty text event of a track, or "". */
export function readFirstText(track: SmfTrack): string {
  for (const meta of track.metas) {
    if (meta.type !== META_TEXT) continue;
    const text = decodeText(meta.data);
    if (text) return text;
  }
  return '';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of a meta event: UTF-8 when it is valid UTF-8, else Latin-1 (what older files use), without
 * control characters, trimmed and cut to {@link MAX_TEXT} characters.
 */
export function decodeText(data: Uint8Array): string {
  const bytes = data.subarray(0, MAX_TEXT * 4);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = String.fromCharCode(...bytes);
  }
  let clean = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    clean += code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd ? ' ' : ch;
  }
  return clean.trim().slice(0, MAX_TEXT);
}
