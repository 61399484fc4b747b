/**
 * `npm run bench [-- --json]`: every benchmark, each figure the median of several runs with its
 * ratio to a baseline measured in the same run. Benchmarks, not tests: nothing here fails on speed.
 */
import { loadBuiltinCorpora } from '../../src/presets';
import { benchContinue } from './continue.bench';
import { benchEdit } from './edit.bench';
import { benchGenerate } from './generate.bench';
import { benchImport, importFigures } from './import.bench';
import { type Figure, printFigures } from './measure';
import { benchModel } from './model.bench';
import { benchRender } from './render.bench';
import { benchSize } from './size.bench';
import { benchUntrusted } from './untrusted.bench';

await loadBuiltinCorpora(); // the benchmarks compose synchronously from the built-in corpora
const json = process.argv.includes('--json');
const figures: Figure[] = [
  ...importFigures(await benchImport()),
  ...benchModel(),
  ...benchGenerate(),
  ...benchEdit(),
  ...benchUntrusted(),
  ...(await benchSize()),
  ...(await benchRender()),
  ...(await benchContinue()),
];
printFigures(figures, json);
