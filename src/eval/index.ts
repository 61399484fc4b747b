/** Evaluation: the MGEval features of pieces and the comparison of two sets (Yang & Lerch 2018). */

export * from './craft';
export * from './features';
export * from './overlap';
