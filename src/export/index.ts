/** What users take away: the piece as a Standard MIDI File (pure, runs in Node and the browser). */
export * from './keySignature';
export * from './midi';
export * from './range';
export * from './wav';
