/** A built-in corpus with its presets' models trained at build time (vite.config.ts, `builtinModels`). */
declare module 'virtual:corpus-chunk/*' {
  const corpus: unknown;
  export default corpus;
  export const checked: boolean;
  export const models: readonly { order: number; maxRun: number; gzip: string }[];
}
