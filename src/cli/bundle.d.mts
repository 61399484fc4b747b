/** See bundle.mjs: the path of a JavaScript bundle of a TypeScript entry of the project, made when stale. */
export function bundledEntry(entry: string): Promise<string>;
