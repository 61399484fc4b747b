import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** A mistake in the command line: printed as one line, exit status 2. */
export class UsageError extends Error {}

type Spec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses options strictly; unknown options, missing values and stray words are usage errors. */
export function parseOptions<S extends Spec>(args: string[], spec: S, positionals = false) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: positionals });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
}

/** An integer option, or undefined when absent; anything else is a usage error. */
export function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

/** The text of a file the user named, refused as a usage error when missing or over `limit` bytes. */
export function readUserFile(path: string, limit: number, what: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UsageError(`cannot read the ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (size > limit) throw new UsageError(`${path}: the ${what} is larger than ${Math.round(limit / 1024)} KiB`);
  return readFileSync(path, 'utf8');
}
