/** See bundle.mjs: the path of a JavaScript bundle of a TypeScript entry of the project, made when stale. */
export function bundledEntry(entry: string): Promise<string>;
/** See bundle.mjs: the resource limits of the threads `muse train` counts and finishes in. */
export const THREAD_LIMITS: { maxYoungGenerationSizeMb: number };
/** See bundle.mjs: esbuild's options for the bundle of a TypeScript entry of the project. */
export function bundleOptions(entry: string, outdir: string, name: string): import('esbuild').BuildOptions;
