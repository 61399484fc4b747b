#!/usr/bin/env -S node --max-semi-space-size=4
// The `muse` command. It runs the TypeScript CLI from a bundle that esbuild makes on first use
// (and again after a source file changes; bundle.mjs), so no build step is needed after `npm ci`;
// if the bundle cannot be made, through tsx's loader as before (also with MUSE_TSX=1).
// A reader that stops early (`muse import ... | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const argv = process.argv.slice(2);
// train (without --help) runs from a bundle of its own code only (trainMain.ts): half the start-up.
const trainOnly = argv[0] === 'train' && !argv.includes('--help') && !argv.includes('-h');
// ... with a small young generation (bundle.mjs, THREAD_LIMITS): in this thread when the process
// was started with one — the first line above, which `npx muse` and an installed `muse` run by —
// else in a worker thread given one (`node src/cli/bin.mjs train ...`). One isolate instead of two
// (the idle one of this thread was 13 MiB): on the 856 Nottingham tunes, a peak 10–20 MiB lower.
const smallYoung = process.execArgv.some((a) => a.startsWith('--max-semi-space-size'));
const status = trainOnly && !smallYoung ? await trainThread() : undefined;
if (status !== undefined) process.exitCode = status;
else {
  const { run } = await loadCli(trainOnly ? 'trainMain' : 'main');
  process.exitCode = await run(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}

/**
 * `muse train` run in a worker thread with a small young generation (bundle.mjs THREAD_LIMITS):
 * its exit status, or undefined when there is no bundle (then it runs here, through tsx).
 */
async function trainThread() {
  if (process.env.MUSE_TSX) return undefined;
  let bundle;
  let limits;
  try {
    const { bundledEntry, THREAD_LIMITS } = await import('./bundle.mjs');
    bundle = await bundledEntry('src/cli/trainThread.ts');
    limits = THREAD_LIMITS;
  } catch {
    return undefined;
  }
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve) => {
    let status = 1;
    const worker = new Worker(bundle, { workerData: { argv }, resourceLimits: limits });
    worker.on('message', (m) => {
      status = m.status;
    });
    worker.on('error', (e) => {
      process.stderr.write(`muse: ${e instanceof Error ? e.message : String(e)}\n`);
      status = 1;
    });
    worker.on('exit', () => resolve(status));
  });
}

async function loadCli(entry) {
  if (!process.env.MUSE_TSX) {
    let bundle;
    try {
      const { bundledEntry } = await import('./bundle.mjs');
      bundle = await bundledEntry(`src/cli/${entry}.ts`);
    } catch {
      // No esbuild, or a read-only install: the loader below still runs the CLI.
    }
    if (bundle) return import(bundle);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(`./${entry}.ts`);
}
