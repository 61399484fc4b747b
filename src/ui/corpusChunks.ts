import type { CorpusChunk } from '../presets';

/**
 * The page's built-in corpora: each chunk (vite.config.ts, `builtinModels`) holds the corpus and the
 * models of its presets, trained when the page was built, so a preset composes at once on first
 * use. Passed to `useBuiltinCorpusChunks` by the page's entry.
 */
export const corpusChunks: Record<string, () => Promise<CorpusChunk>> = {
  songbook: () => import('virtual:corpus-chunk/songbook'),
  ballads: () => import('virtual:corpus-chunk/ballads'),
  reels: () => import('virtual:corpus-chunk/reels'),
  nocturnes: () => import('virtual:corpus-chunk/nocturnes'),
  'folk-jigs': () => import('virtual:corpus-chunk/folk-jigs'),
  'lofi-jazz': () => import('virtual:corpus-chunk/lofi-jazz'),
  chorales: () => import('virtual:corpus-chunk/chorales'),
  ambient: () => import('virtual:corpus-chunk/ambient'),
  waltzes: () => import('virtual:corpus-chunk/waltzes'),
  chiptune: () => import('virtual:corpus-chunk/chiptune'),
};
