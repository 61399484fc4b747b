/** What users take away: the piece as a Standard MIDI File, balanced for General MIDI (pure, runs in Node and the browser). */
export * from './gmLevels';
export * from './keySignature';
export * from './midi';
export * from './mix';
export * from './range';
export * from './smf';
