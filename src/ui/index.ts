/** The page: controls, piano roll, and the wiring between them and the layers below. */
export * from './app';
export * from './corpusPanel';
export * from './pianoRoll';
export * from './trainPanel';
export * from './userModels';
