/**
 * Sample libraries for Sampler parts: the built-in Salamander grand piano (static files of the
 * site, loaded on demand) and the user's own (a folder of samples named by note, kept in
 * IndexedDB), decoded once per page.
 */
export type { SampleLibraries } from '../instruments/samples';
export * from './ids';
export * from './library';
export * from './noteNames';
export * from './piano';
