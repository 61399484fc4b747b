/**
 * Craft measures (issue #14): what a musician checks reading the notes — parallel fifths and
 * octaves, voices and their crossings, inversions, strong-beat clashes, leap recovery, range,
 * phrase continuity, harmonic rhythm, density, rhythm vocabulary and swing — for composed pieces
 * and imported reference pieces alike.
 */
export * from './clashes';
export * from './crossRelations';
export * from './harmonicRhythm';
export * from './inversions';
export * from './measure';
export * from './melody';
export * from './parallels';
export * from './phrases';
export * from './score';
export * from './share';
export * from './sonority';
export * from './summary';
export * from './swing';
export * from './time';
export * from './voicing';
