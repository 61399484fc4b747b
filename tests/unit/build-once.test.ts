import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectsBrowserTests } from '../helpers/buildOnce';

const root = resolve(import.meta.dirname, '../..');

describe('the global setup builds dist/ only when browser tests run', () => {
  it('builds for a whole run and for filters that name or match an e2e file', () => {
    expect(selectsBrowserTests(undefined, root)).toBe(true);
    expect(selectsBrowserTests([], root)).toBe(true);
    expect(selectsBrowserTests(['tests/e2e/app.test.ts'], root)).toBe(true);
    expect(selectsBrowserTests(['tests/e2e'], root)).toBe(true);
    expect(selectsBrowserTests(['share-export'], root)).toBe(true);
    expect(selectsBrowserTests(['tests/unit/x.test.ts', 'csp'], root)).toBe(true);
  });

  it('skips the build for unit, corpus and CLI runs', () => {
    expect(selectsBrowserTests(['tests/unit/build-once.test.ts'], root)).toBe(false);
    expect(selectsBrowserTests(['tests/unit', 'tests/corpus'], root)).toBe(false);
  });
});
