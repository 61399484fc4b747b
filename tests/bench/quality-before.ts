// Writes the quality figures of this checkout (tests/helpers/qualityFigures.ts) as JSON:
//   npx tsx tests/bench/quality-before.ts tests/fixtures/quality-before.json
// Run on main before issue 17's work; tests/corpus/quality-unchanged.test.ts compares against it.

import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chordLabelFigures, heldOutFigures, originalityFigures } from '../helpers/qualityFigures';

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const figures = {
  commit,
  heldOut: heldOutFigures(),
  chordLabels: chordLabelFigures(),
  originality: await originalityFigures(),
};
writeFileSync(process.argv[2] ?? 'quality-before.json', `${JSON.stringify(figures, null, 2)}\n`);
