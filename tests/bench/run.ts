/**
 * `npm run bench [-- --json] [-- --only render,size]`: every benchmark, each figure the median of
 * several runs with its ratio to a baseline measured in the same run, grouped by section. With
 * --json, one object: the machine, its load average at the start and the end, the commit, and the
 * figures — what `npm run benchmarks -- FILE.json` turns into BENCHMARKS.md. Benchmarks, not tests:
 * nothing here fails on speed. A new benchmark is a function returning figures, added below.
 */
import { loadavg } from 'node:os';
import { loadBuiltinCorpora } from '../../src/presets';
import { benchContinue } from './continue.bench';
import { benchEdit } from './edit.bench';
import { benchGenerate } from './generate.bench';
import { benchImport, importFigures } from './import.bench';
import { benchLive } from './live.bench';
import { type Figure, printFigures } from './measure';
import { benchModel } from './model.bench';
import { benchPage } from './page.bench';
import { benchRender } from './render.bench';
import { benchSize } from './size.bench';
import { benchTrain } from './train.bench';
import { benchUntrusted } from './untrusted.bench';

/** The sections, in the order they run and are listed. */
const SECTIONS: { id: string; title: string; run: () => Figure[] | Promise<Figure[]> }[] = [
  { id: 'import', title: 'Import', run: async () => importFigures(await benchImport()) },
  { id: 'model', title: 'Model: training and sampling', run: benchModel },
  { id: 'train', title: 'Training at scale (muse train)', run: benchTrain },
  { id: 'page-train', title: 'Training and models in the page (headless Chromium)', run: benchPage },
  { id: 'generate', title: 'Composing', run: benchGenerate },
  { id: 'untrusted', title: 'Untrusted input', run: benchUntrusted },
  { id: 'edit', title: 'Editing a piece', run: benchEdit },
  { id: 'continue', title: 'Continuing a melody', run: benchContinue },
  { id: 'size', title: 'Page size', run: benchSize },
  { id: 'render', title: 'Offline render (headless Chromium)', run: benchRender },
  { id: 'live', title: 'Live playback and samples (headless Chromium)', run: benchLive },
];

const startLoad = loadavg()[0];
await loadBuiltinCorpora(); // the benchmarks compose synchronously from the built-in corpora
const json = process.argv.includes('--json');
const only = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1]?.split(',');
const figures: Figure[] = [];
for (const section of SECTIONS) {
  if (only && !only.includes(section.id)) continue;
  for (const f of await section.run()) figures.push({ section: section.title, ...f });
}
printFigures(figures, json, startLoad);
