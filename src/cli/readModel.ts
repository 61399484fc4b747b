import { MODEL_MAX_BYTES, type MuseModel, parseModel } from '../model';
import { UsageError } from './args';
import { readUserFile } from './files';

/** Largest model file read, in bytes (the page reads the same). */
export { MODEL_MAX_BYTES };

/** Reads and checks a model file. */
export function readModel(path: string): MuseModel {
  const text = readUserFile(
    path,
    MODEL_MAX_BYTES,
    'model file',
    'a model file is the .json that muse train --out wrote',
  );
  const parsed = parseModel(text);
  if (!parsed.ok) throw new UsageError(`${path}: ${parsed.error.message}`);
  return parsed.value;
}
