import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORM_MAX_LENGTH, presetSchema } from '../../src/presets/schema';
import { regexLiterals, riskyGroups, sourceFiles } from '../helpers/sourceScan';

/**
 * Issue #19, case 1: the form pattern could match a spaced letter two ways, so a form that failed
 * took twice as long per letter (33 letters: 25–52 s in the page, over 60 s in the CLI). No pattern
 * in src/ repeats a group that holds a quantifier or an alternation, unless it is listed here with
 * the reason it can match only one way.
 */
const ONE_WAY: Record<string, string> = {
  // Each repetition is an optional space and then exactly one letter; a space is never a letter,
  // so there is one way to split any text, and the length is checked before the pattern runs.
  '^(intro )?[A-Z]( ?[A-Z]){0,31}( outro)?$': 'form',
};

describe('regular expressions that cannot backtrack (issue #19, case 1)', () => {
  it('finds the shape in the old form pattern and in (a+)+ (planted faults), not in plain patterns', () => {
    expect(riskyGroups('^(intro |)[A-Z]( [A-Z]| ?[A-Z]){0,31}( outro|)$')).toHaveLength(1);
    expect(riskyGroups('^(a+)+$')).toHaveLength(1);
    expect(riskyGroups('^(\\d{3})+$')).toEqual([]);
    expect(riskyGroups('^([a-z]+)-(\\d+)$')).toEqual([]);
    expect(regexLiterals("const r = /^(a|b)+$/; const s = '/not/';").map((r) => r.pattern)).toEqual(['^(a|b)+$']);
  });

  it('src/ has no such pattern but the listed ones', () => {
    const found: string[] = [];
    let literals = 0;
    for (const file of sourceFiles('src'))
      for (const r of regexLiterals(readFileSync(file, 'utf8'))) {
        literals++;
        if (riskyGroups(r.pattern).length && !ONE_WAY[r.pattern]) found.push(`${file}:${r.line}: /${r.pattern}/`);
      }
    expect(literals).toBeGreaterThan(40); // the scanner sees the patterns at all
    expect(found).toEqual([]);
  });

  it('the form check refuses a long text by its length before any pattern runs', () => {
    const form = presetSchema.shape.form;
    const r = form.safeParse('A '.repeat(1_000_000));
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0].code).toBe('too_big');
    const longest = `intro ${Array.from({ length: 32 }, () => 'A').join(' ')} outro`;
    expect(longest).toHaveLength(FORM_MAX_LENGTH);
    expect(form.safeParse(longest).success).toBe(true);
    expect(form.safeParse(`intro ${Array.from({ length: 33 }, () => 'A').join(' ')}`).success).toBe(false);
    for (const ok of ['A', 'AABA', 'A A B A', 'intro A B outro', 'intro AB'])
      expect(form.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', ' A', 'A  B', 'a', 'intro', 'A outro outro', 'A <b>'])
      expect(form.safeParse(bad).success, bad).toBe(false);
  });
});
