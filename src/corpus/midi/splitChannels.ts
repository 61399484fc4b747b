import type { Note } from '../types';
import type { PairedTrack } from './pairNotes';
import type { TimeScale } from './timeScale';

/** One channel of one track chunk, in domain ticks, before its role is known. */
export interface ChannelTrack {
  name: string;
  channel: number;
  program: number;
  notes: Note[];
}

/**
 * One track per channel used in each track chunk (a format 0 file with several instruments becomes
 * several tracks; a chunk on one channel stays one track), in chunk then channel order. Notes are
 * rescaled to domain ticks: start and end are rounded separately, so notes keep their order, and a
 * note that rounding would shorten to nothing keeps one tick. A channel's program is the first
 * program change on it in the same chunk, else in any chunk, else 0. Chunks without notes give none.
 */
export function splitChannels(
  tracks: readonly PairedTrack[],
  names: readonly string[],
  scale: TimeScale,
): ChannelTrack[] {
  const anyProgram = (channel: number) => tracks.find((t) => t.programs[channel] >= 0)?.programs[channel] ?? 0;
  const result: ChannelTrack[] = [];
  tracks.forEach((track, index) => {
    const byChannel = new Map<number, Note[]>();
    for (const n of track.notes) {
      const tick = scale.toTicks(n.start);
      const note: Note = {
        pitch: n.pitch,
        tick,
        duration: Math.max(1, scale.toTicks(n.end) - tick),
        velocity: n.velocity,
      };
      const list = byChannel.get(n.channel);
      if (list) list.push(note);
      else byChannel.set(n.channel, [note]);
    }
    for (const channel of [...byChannel.keys()].sort((a, b) => a - b)) {
      const own = track.programs[channel];
      result.push({
        name: names[index] ?? '',
        channel,
        program: own >= 0 ? own : anyProgram(channel),
        notes: byChannel.get(channel) ?? [],
      });
    }
  });
  return result;
}
