#!/usr/bin/env node
// The `muse` command: runs the TypeScript CLI through tsx's loader, so no build step is needed
// after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`muse import ... | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
