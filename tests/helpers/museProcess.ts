import { spawnSync } from 'node:child_process';

/** What a `muse` run in its own process did; `ended` is false when it had to be killed. */
export interface MuseRun {
  status: number | null;
  ended: boolean;
  out: string;
  err: string;
}

/**
 * Runs `muse` in a process of its own, killed after `limitMs`: for input that once hung (a named
 * pipe, a device, a link loop, a pattern that backtracks), so that a regression fails the test
 * instead of hanging the run. The limit is a fence against hangs, not a speed measure.
 */
export function museProcess(
  args: readonly string[],
  options: { limitMs?: number; shellPrefix?: string } = {},
): MuseRun {
  const quoted = args.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  const r = options.shellPrefix
    ? spawnSync('bash', ['-c', `${options.shellPrefix}; exec node src/cli/bin.mjs ${quoted}`], {
        encoding: 'utf8',
        timeout: options.limitMs ?? 30_000,
        killSignal: 'SIGKILL',
      })
    : spawnSync(process.execPath, ['src/cli/bin.mjs', ...args], {
        encoding: 'utf8',
        timeout: options.limitMs ?? 30_000,
        killSignal: 'SIGKILL',
      });
  return { status: r.status, ended: r.signal === null, out: r.stdout ?? '', err: r.stderr ?? '' };
}
