/**
 * Vitest setup file (vite.config.ts `test.setupFiles`): loads every built-in corpus before each test
 * file runs, so tests call `generate` and `builtinCorpus` synchronously as the CLI does after its
 * start. The page loads them one at a time, on demand (src/presets/builtinCorpora.ts).
 */
import { loadBuiltinCorpora } from '../../src/presets';

await loadBuiltinCorpora();
