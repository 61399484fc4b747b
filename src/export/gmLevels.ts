/**
 * How loud each General MIDI program sounds, measured in fluidsynth with the FluidR3 GM font (the
 * reference General MIDI bank of the tests) by tests/tools/measureGmLevels.ts, which wrote this file:
 * `offset` is the gated loudness (dBFS, fluidsynth gain 0.5, CC7 127) above the export's estimate
 * from velocities and lengths, `tau` how long (s) its notes sound before they have decayed.
 * Other General MIDI banks are levelled alike within a few decibels.
 */

/** A General MIDI instrument's level. */
export interface GmLevel {
  /** Loudness in dB over the estimate from the notes ({@link estimateLoudness}). */
  offset: number;
  /** Seconds a note sounds at most (sustained instruments: their length). */
  tau: number;
}

/** By program, 0–127. */
export const GM_LEVELS: readonly GmLevel[] = [
  { offset: -22.8, tau: 0.5 }, // 0
  { offset: -24.5, tau: 0.5 }, // 1
  { offset: -19.7, tau: 0.5 }, // 2
  { offset: -25.0, tau: 0.5 }, // 3
  { offset: -17.3, tau: 0.5 }, // 4
  { offset: -18.0, tau: 0.5 }, // 5
  { offset: -21.5, tau: 0.5 }, // 6
  { offset: -22.1, tau: 0.5 }, // 7
  { offset: -21.0, tau: 0.5 }, // 8
  { offset: -23.0, tau: 0.5 }, // 9
  { offset: -21.8, tau: 0.5 }, // 10
  { offset: -25.6, tau: 0.5 }, // 11
  { offset: -18.3, tau: 0.25 }, // 12
  { offset: -31.5, tau: 1.4 }, // 13
  { offset: -21.5, tau: 0.5 }, // 14
  { offset: -26.0, tau: 0.5 }, // 15
  { offset: -16.7, tau: 0.5 }, // 16
  { offset: -16.4, tau: 0.7 }, // 17
  { offset: -12.8, tau: 0.12 }, // 18
  { offset: -18.4, tau: 2 }, // 19
  { offset: -19.8, tau: 2 }, // 20
  { offset: -22.3, tau: 0.7 }, // 21
  { offset: -22.2, tau: 0.5 }, // 22
  { offset: -21.0, tau: 0.35 }, // 23
  { offset: -22.9, tau: 0.5 }, // 24
  { offset: -21.1, tau: 0.5 }, // 25
  { offset: -16.6, tau: 0.5 }, // 26
  { offset: -18.7, tau: 0.5 }, // 27
  { offset: -27.5, tau: 1.4 }, // 28
  { offset: -14.8, tau: 0.25 }, // 29
  { offset: -14.3, tau: 0.35 }, // 30
  { offset: -15.3, tau: 2 }, // 31
  { offset: -18.5, tau: 0.5 }, // 32
  { offset: -18.7, tau: 0.5 }, // 33
  { offset: -21.2, tau: 0.5 }, // 34
  { offset: -18.8, tau: 0.5 }, // 35
  { offset: -27.0, tau: 0.5 }, // 36
  { offset: -27.4, tau: 0.5 }, // 37
  { offset: -15.9, tau: 0.35 }, // 38
  { offset: -14.0, tau: 1.4 }, // 39
  { offset: -19.9, tau: 2 }, // 40
  { offset: -20.1, tau: 2 }, // 41
  { offset: -20.4, tau: 2 }, // 42
  { offset: -108.9, tau: 0.08 }, // 43
  { offset: -13.5, tau: 0.12 }, // 44
  { offset: -19.3, tau: 0.35 }, // 45
  { offset: -22.4, tau: 0.5 }, // 46
  { offset: -32.1, tau: 0.7 }, // 47
  { offset: -13.9, tau: 0.12 }, // 48
  { offset: -17.6, tau: 2 }, // 49
  { offset: 0.3, tau: 0.12 }, // 50
  { offset: -4.5, tau: 2 }, // 51
  { offset: -19.8, tau: 2 }, // 52
  { offset: -17.8, tau: 0.5 }, // 53
  { offset: -19.7, tau: 1.4 }, // 54
  { offset: -21.0, tau: 0.5 }, // 55
  { offset: -15.5, tau: 0.12 }, // 56
  { offset: -14.4, tau: 2 }, // 57
  { offset: -7.2, tau: 0.12 }, // 58
  { offset: -12.2, tau: 0.08 }, // 59
  { offset: -13.2, tau: 0.25 }, // 60
  { offset: -19.2, tau: 2 }, // 61
  { offset: -3.2, tau: 0.12 }, // 62
  { offset: -9.4, tau: 0.7 }, // 63
  { offset: -16.8, tau: 0.35 }, // 64
  { offset: -11.6, tau: 0.12 }, // 65
  { offset: -19.7, tau: 2 }, // 66
  { offset: -17.7, tau: 0.25 }, // 67
  { offset: -18.0, tau: 2 }, // 68
  { offset: -19.0, tau: 2 }, // 69
  { offset: -17.6, tau: 2 }, // 70
  { offset: -16.0, tau: 2 }, // 71
  { offset: -17.6, tau: 2 }, // 72
  { offset: -17.0, tau: 2 }, // 73
  { offset: -17.9, tau: 1.4 }, // 74
  { offset: -17.4, tau: 2 }, // 75
  { offset: -13.2, tau: 0.25 }, // 76
  { offset: -15.8, tau: 0.5 }, // 77
  { offset: -11.9, tau: 0.35 }, // 78
  { offset: -15.9, tau: 2 }, // 79
  { offset: -6.4, tau: 2 }, // 80
  { offset: -5.0, tau: 2 }, // 81
  { offset: -2.9, tau: 0.35 }, // 82
  { offset: -8.9, tau: 1.4 }, // 83
  { offset: -11.0, tau: 0.5 }, // 84
  { offset: -10.2, tau: 2 }, // 85
  { offset: -9.5, tau: 2 }, // 86
  { offset: -7.1, tau: 0.5 }, // 87
  { offset: -6.7, tau: 0.5 }, // 88
  { offset: -15.3, tau: 2 }, // 89
  { offset: -11.6, tau: 0.35 }, // 90
  { offset: -6.3, tau: 0.12 }, // 91
  { offset: -11.1, tau: 1 }, // 92
  { offset: -9.4, tau: 0.7 }, // 93
  { offset: -8.6, tau: 1 }, // 94
  { offset: -4.9, tau: 2 }, // 95
  { offset: -7.7, tau: 0.5 }, // 96
  { offset: -9.1, tau: 0.5 }, // 97
  { offset: -14.0, tau: 0.5 }, // 98
  { offset: -15.8, tau: 0.5 }, // 99
  { offset: -9.1, tau: 0.5 }, // 100
  { offset: -20.5, tau: 2 }, // 101
  { offset: -14.1, tau: 0.5 }, // 102
  { offset: -12.7, tau: 0.5 }, // 103
  { offset: -23.4, tau: 0.5 }, // 104
  { offset: -23.0, tau: 0.5 }, // 105
  { offset: -26.8, tau: 0.5 }, // 106
  { offset: -24.8, tau: 0.5 }, // 107
  { offset: -21.5, tau: 0.18 }, // 108
  { offset: -18.2, tau: 2 }, // 109
  { offset: -18.3, tau: 2 }, // 110
  { offset: -21.0, tau: 1.4 }, // 111
  { offset: -21.2, tau: 0.25 }, // 112
  { offset: -25.2, tau: 0.12 }, // 113
  { offset: -19.9, tau: 0.7 }, // 114
  { offset: -28.0, tau: 0.18 }, // 115
  { offset: -21.2, tau: 0.7 }, // 116
  { offset: -23.4, tau: 1.4 }, // 117
  { offset: -10.3, tau: 0.12 }, // 118
  { offset: -28.7, tau: 2 }, // 119
  { offset: -23.9, tau: 1.4 }, // 120
  { offset: -23.4, tau: 1 }, // 121
  { offset: -24.2, tau: 0.5 }, // 122
  { offset: -19.7, tau: 0.7 }, // 123
  { offset: -19.9, tau: 0.5 }, // 124
  { offset: -32.5, tau: 2 }, // 125
  { offset: -20.8, tau: 2 }, // 126
  { offset: -18.3, tau: 0.5 }, // 127
];

/** The drum kit on channel 10 (kick, snare, hi-hat). */
export const GM_DRUM_LEVEL: GmLevel = { offset: -25.9, tau: 0.18 };

/** Each drum key's level (dB) against the kit's, keys 27–87. */
export const GM_DRUM_NOTES: readonly number[] = [
  1.3, 5.8, 2.4, 2.3, -2.4, -6.1, -8.4, 5.7, 5.2, 5.0, 0.3, 6.1, 5.0, 3.5, 8.9, -6.0, 9.7, -5.2, 5.7, -5.6, 5.8, 5.5,
  6.2, 4.1, -3.7, 1.1, -2.5, 4.7, -0.2, 1.4, 5.4, 6.8, -4.3, 2.1, 4.0, -0.5, 4.7, 7.2, 4.8, 6.4, -1.6, -1.8, 3.2, -0.2,
  4.9, 8.0, 1.5, -0.1, 3.2, 2.6, 3.2, 9.9, 14.6, 0.0, 2.7, 1.1, 4.5, 12.0, -4.4, 7.7, 11.6,
];
