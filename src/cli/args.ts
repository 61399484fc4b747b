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
