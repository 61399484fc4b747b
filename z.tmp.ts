import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { callSpreads } from './tests/helpers/callSpreads';
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : /\.ts$/.test(p) ? [p] : []; });
for (const f of walk('src')) for (const s of callSpreads(readFileSync(f, 'utf8'))) console.log(`${f}:${s.line}: ${s.text}`);
