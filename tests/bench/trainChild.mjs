// Runs `muse train ARGS...` as the user's `npx muse train` does (src/cli/bin.mjs, started with the
// node options of its first line: train.bench.ts passes them) and, on exit,
// prints the process's peak resident memory (worker threads included: they are in this process)
// as the last line of stderr: {"maxRssKiB": N}. Used by train.bench.ts.
process.on('exit', () => {
  process.stderr.write(`\n${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
process.argv.splice(2, 0, 'train');
await import('../../src/cli/bin.mjs');
