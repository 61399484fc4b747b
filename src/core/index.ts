/** Units of time and pitch, and seeded randomness: the ground every other layer stands on. */
export * from './base64';
export * from './beats';
export * from './bounded';
export * from './random';
export * from './result';
export * from './schemaWords';
export * from './steps';
export * from './units';
export * from './untrustedJson';
