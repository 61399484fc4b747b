import { parseArgs } from 'node:util';

/** A mistake in the command line: printed as one line, exit status 2. */
export class UsageError extends Error {}

/**
 * Runs a command and turns what it throws into the exit status and a message on stderr: 2 for a
 * wrong command or argument ({@link UsageError}), 1 for anything else (a file not read or written).
 */
export async function guarded(
  io: { err(text: string): void },
  command: () => Promise<number> | number,
): Promise<number> {
  try {
    return await command();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`muse: ${e.message}\n`);
      return 2;
    }
    io.err(`muse: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

type Spec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses options strictly; unknown options, missing values and stray words are usage errors. */
export function parseOptions<S extends Spec>(args: string[], spec: S, positionals = false) {
  // "--seed -1": node reads a value starting with a dash as a forgotten value ("argument is
  // ambiguous"); a negative number is a value, refused or taken by the option's own check.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (name && spec[name]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  try {
    return parseArgs({ args: joined, options: spec, strict: true, allowPositionals: positionals });
  } catch (e) {
    throw new UsageError(argumentProblem(e));
  }
}

/** An integer option, or undefined when absent; anything else is a usage error. */
export function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

/** node's parseArgs errors, said as a musician reads them, with where to look. */
function argumentProblem(e: unknown): string {
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  const code = (e as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `there is no option ${quoted} here (see: muse help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = quoted.split(' ')[0];
    return message.includes('argument missing')
      ? `${option} needs a value after it (see: muse help)`
      : `${option} takes no value: write it alone (see: muse help)`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `"${quoted}" is not an option: this command takes no file or folder names (see: muse help)`;
  return message;
}
