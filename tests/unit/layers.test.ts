/**
 * The layering rule of STYLE.md, checked on every import of every file in src/: each folder imports
 * only from the folders to its left (and from itself), plus data (package.json, presets/*.json); the
 * pure layers import no Tone.js, so they run unchanged in Node, in a Web Worker and in tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** The folders of src/, from the bottom layer up (README "Layout"). */
const LAYERS = ['core', 'corpus', 'model', 'compose', 'eval', 'engine', 'export', 'presets', 'ui', 'cli'];
/** Layers that run anywhere: no Tone.js. */
const PURE = ['core', 'corpus', 'model', 'compose', 'eval', 'export', 'presets'];

interface Import {
  file: string;
  specifier: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Static imports and re-exports, side-effect imports and dynamic import() of each file. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ];
  return found.map((m) => ({ file: relative(SRC, file), specifier: m[1] }));
}

/** The layer of a path inside src/ ("engine/master/mix.ts" → "engine"; main.ts → "main"). */
const layerOf = (path: string) => (path.includes('/') ? path.split('/')[0] : 'main');

/** What breaks the rule among `imports` (files relative to src/). */
function violations(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const { file, specifier } of imports) {
    const from = layerOf(file);
    if (specifier.startsWith('.')) {
      const target = relative(SRC, resolve(SRC, dirname(file), specifier));
      if (target.startsWith('..')) {
        if (!/^\.\.\/(package\.json|presets\/.*\.json)$/.test(target))
          problems.push(`${file} imports ${specifier}, outside src/`);
        continue;
      }
      const to = layerOf(target.includes('/') ? target : `${target}/`);
      if (from === 'main' || to === from) continue;
      if (!LAYERS.includes(from) || !LAYERS.includes(to)) problems.push(`${file}: unknown layer ${from} or ${to}`);
      else if (LAYERS.indexOf(to) > LAYERS.indexOf(from))
        problems.push(`${file} (${from}) imports ${specifier} (${to})`);
    } else if (PURE.includes(from) && /^tone($|\/)/.test(specifier)) {
      problems.push(`${file} (${from}, pure) imports ${specifier}`);
    }
  }
  return problems;
}

describe('layers: each folder imports only from the folders below it', () => {
  const files = filesUnder(SRC);
  const imports = files.flatMap(importsOf);

  it('knows every folder of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort()).toEqual([...LAYERS].sort());
    expect(imports.length).toBeGreaterThan(500);
  });

  it('holds for every import in src/', () => {
    expect(violations(imports)).toEqual([]);
  });

  it('negative control: an import upwards, outside src/ or of Tone.js in a pure layer is caught', () => {
    expect(
      violations([
        { file: 'engine/wavRender.ts', specifier: '../export/wav' }, // what this rule found
        { file: 'compose/x.ts', specifier: '../../tests/helpers/pieces' },
        { file: 'model/y.ts', specifier: 'tone' },
        { file: 'engine/z.ts', specifier: 'tone/build/esm/core/context/Context' },
        { file: 'ui/app.ts', specifier: '../presets' },
      ]),
    ).toEqual([
      'engine/wavRender.ts (engine) imports ../export/wav (export)',
      'compose/x.ts imports ../../tests/helpers/pieces, outside src/',
      'model/y.ts (model, pure) imports tone',
    ]);
  });
});
