/** What the user sets for one track in the mixer. */
export interface ChannelState {
  /** Fader, in decibels added to the track's level (0 = as the preset made it). */
  volume: number;
  /** −1 (left) to 1 (right); undefined keeps the track's own placement. */
  pan?: number;
  mute: boolean;
  solo: boolean;
}

/** The mixer: a channel per track id; tracks not named are at their defaults. */
export type MixerState = Record<string, Partial<ChannelState>>;

export const CHANNEL_DEFAULTS: ChannelState = { volume: 0, mute: false, solo: false };

/** Lowest fader setting; at or below it the track is silent. */
export const MIN_VOLUME = -60;
/** Highest fader setting. */
export const MAX_VOLUME = 6;

/** A track's channel with defaults filled in. */
export function channelOf(mixer: MixerState, id: string): ChannelState {
  return { ...CHANNEL_DEFAULTS, ...mixer[id] };
}

/**
 * Whether track `id` is heard: not muted, and either nothing is soloed or it is.
 *
 * @example
 * isAudible({ bass: { solo: true } }, 'melody', ['melody', 'bass']); // => false
 */
export function isAudible(mixer: MixerState, id: string, ids: readonly string[]): boolean {
  const channel = channelOf(mixer, id);
  if (channel.mute) return false;
  const soloed = ids.some((other) => channelOf(mixer, other).solo);
  return !soloed || channel.solo;
}

/** The linear gain of track `id`'s fader, 0 when it is not heard. */
export function channelGain(mixer: MixerState, id: string, ids: readonly string[]): number {
  if (!isAudible(mixer, id, ids)) return 0;
  const volume = Math.min(MAX_VOLUME, channelOf(mixer, id).volume);
  return volume <= MIN_VOLUME ? 0 : 10 ** (volume / 20);
}
