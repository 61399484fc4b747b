// `muse train` on its own: the CLI's entry when the command is train (bin.mjs), a bundle of the
// model and import code only — without the composer, the presets and the built-in corpora that the
// whole CLI (main.ts) loads — so that training starts sooner and keeps its memory for the counts.
import { guarded } from './args';
import type { Io } from './io';
import { trainCommand } from './train';

/** Runs `muse train ARGS...` (argv without the command); resolves to the exit status. */
export function run(argv: string[], io: Io): Promise<number> {
  return guarded(io, () => trainCommand(argv.slice(1), io));
}
