import { parseCorpus } from './format';
import { type FileImportOptions, type ImportedFile, importFileWith } from './importFileWith';

export * from './importFileWith';

/**
 * Imports one file of any supported kind — a Standard MIDI file, a corpus JSON file, a JSB step-
 * sequence JSON file — by its content (the extension only breaks ties). Never throws: every
 * failure is an error line naming the file. (importFileWith.ts without the corpus JSON schema.)
 */
export function importFile(file: string, bytes: Uint8Array, options: Partial<FileImportOptions> = {}): ImportedFile {
  return importFileWith(parseCorpus, file, bytes, options);
}
