import { run } from '../../src/cli/main';

/** Runs the `muse` command line in-process; resolves to its exit status and what it printed. */
export async function muse(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
