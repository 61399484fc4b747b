import { describe, expect, it } from 'vitest';
import { de } from '../../src/ui/i18n/de';
import { htmlStrings, tsStrings, uiStrings } from '../helpers/uiStrings';

/**
 * Every English string of the page has German: the `t('…')` / `N_('…')` keys in src/ui/**\/*.ts and
 * the text and aria-label/title/placeholder/alt of index.html (see tests/helpers/uiStrings.ts for the
 * extraction). A new panel that forgets its German fails here with the strings and where they are.
 */
describe('German covers the page', () => {
  const { strings, errors } = uiStrings(process.cwd());
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('finds the strings (the extraction works)', () => {
    expect(errors).toEqual([]);
    for (const known of ['Play', 'Preset', 'New random seed', '{bars} bars in {key} {mode}, {meter}, {tempo} bpm.'])
      expect(strings.has(known), known).toBe(true);
    expect(strings.size).toBeGreaterThan(100);
  });

  it('has a German entry for every English string', () => {
    const missing = [...strings]
      .filter(([text]) => !Object.hasOwn(de, text))
      .map(([text, where]) => `${where}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder of the English in the German', () => {
    const changed = Object.entries(de).filter(([en, text]) => placeholders(en).join() !== placeholders(text).join());
    expect(changed).toEqual([]);
  });

  it('gives different English texts different German, so that switching back is exact', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [en, text] of Object.entries(de)) {
      const other = seen.get(text);
      if (other !== undefined) clashes.push(`"${other}" and "${en}" → "${text}"`);
      seen.set(text, en);
    }
    expect(clashes).toEqual([]);
  });

  it('reads index.html the way translatePage does', () => {
    const html =
      '<head><title>x</title></head><body><h1 translate="no">markov-muse</h1><label for="a">Tempo</label>' +
      '<button title="Loop the whole piece" aria-label="Loop &amp; more">↻</button><span>120</span>' +
      '<label><input type="checkbox" /> One file per track</label><script>t("no")</script></body>';
    expect(htmlStrings(html)).toEqual(['Tempo', 'One file per track', 'Loop the whole piece', 'Loop & more']);
  });

  it('reads t() and N_() keys in TypeScript, skips comments, and flags template literals', () => {
    const source = [
      "say(t('Exported {file}.', { file }));",
      "const a = N_(\"it's\"); format(x); at('no');",
      "// t('in a comment')",
      " * t('in TSDoc')",
      'say(t(`Exported`));',
    ].join('\n');
    const found = tsStrings(source, 'x.ts');
    expect(found.strings).toEqual([
      ['Exported {file}.', 'x.ts:1'],
      ["it's", 'x.ts:2'],
    ]);
    expect(found.errors).toHaveLength(1);
    expect(found.errors[0]).toMatch(/^x\.ts:5: a template literal/);
  });
});
