/**
 * Small scanners of TypeScript source for the shapes of issue #19 that a reviewer misses: spread
 * arguments over arrays (stack overflow) and regular expressions that can backtrack. Scanners
 * rather than a parser: {@link codeOf} skips strings, template literals and comments and picks out
 * regex literals; the rest is plain code characters.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file under a folder. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A piece of source: one code character, or a whole regex literal. */
type Piece = { kind: 'code'; at: number; line: number } | { kind: 'regex'; pattern: string; line: number };

const previousSignificant = (source: string, at: number) => {
  let k = at - 1;
  while (k >= 0 && /\s/.test(source[k])) k--;
  return k;
};

/** The code of a source, strings and comments left out, regex literals whole. */
function* codeOf(source: string): Generator<Piece> {
  const n = source.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      for (i += 2; i < n && !(source[i] === '*' && source[i + 1] === '/'); i++) if (source[i] === '\n') line++;
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < n && source[i] !== c; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') line++;
      }
      i++;
      continue;
    }
    if (c === '/') {
      // A regex literal where an operand may start: after an operator, an open bracket or a keyword.
      const k = previousSignificant(source, i);
      if (
        k < 0 ||
        '(,=:[!&|?{};+-*%<>~^'.includes(source[k]) ||
        /\b(return|typeof|case)$/.test(source.slice(0, k + 1))
      ) {
        const start = i + 1;
        let inClass = false;
        for (i++; i < n && (source[i] !== '/' || inClass) && source[i] !== '\n'; i++) {
          if (source[i] === '\\') i++;
          else if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
        }
        yield { kind: 'regex', pattern: source.slice(start, i), line };
        i++;
        continue;
      }
    }
    yield { kind: 'code', at: i, line };
    if (c === '\n') line++;
    i++;
  }
}

/** A spread argument of a call. */
export interface CallSpread {
  line: number;
  /** The source line, trimmed. */
  text: string;
}

/**
 * Spread arguments in calls (`f(...xs)`, `a.push(...xs)`, `new X(...xs)`): each element becomes an
 * argument on the stack, so a long array overflows it. A spread counts when the innermost open
 * bracket is a `(` that follows a name or a `)` (a call), not a `[` or `{` (array and object
 * literals are fine at any length) and not a rest parameter (`function f(...xs)`, `(...xs) =>`).
 */
export function callSpreads(source: string): CallSpread[] {
  const found: CallSpread[] = [];
  const stack: boolean[] = []; // per open bracket: is it a call's argument list
  const lineText = (at: number) => {
    const start = source.lastIndexOf('\n', at - 1) + 1;
    const end = source.indexOf('\n', at);
    return source.slice(start, end < 0 ? source.length : end).trim();
  };
  let skip = 0;
  for (const piece of codeOf(source)) {
    if (piece.kind !== 'code') continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    const i = piece.at;
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') {
      let call = false;
      if (c === '(') {
        const k = previousSignificant(source, i);
        const before = source.slice(Math.max(0, k - 40), k + 1);
        const named = k >= 0 && /[\w$)\]>]$/.test(before);
        const declaration =
          /\bfunction\s*[\w$]*\s*(<[^>]*>)?$/.test(before) || /\b(if|for|while|switch|catch)$/.test(before);
        call = named && !declaration;
      }
      stack.push(call);
    } else if (c === ')' || c === ']' || c === '}') stack.pop();
    else if (c === '.' && source.startsWith('...', i)) {
      skip = 2;
      if (stack[stack.length - 1]) {
        const close = matching(source, i);
        const after = close < 0 ? '' : source.slice(close + 1, close + 40);
        if (!/^\s*(:[^=]*)?=>/.test(after)) found.push({ line: piece.line, text: lineText(i) });
      }
    }
  }
  return found;
}

/** The index of the `)` closing the group `at` is in (a rough count, enough for parameter lists). */
function matching(source: string, at: number): number {
  let depth = 0;
  for (let k = at; k < source.length; k++) {
    const c = source[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** A regular-expression literal found in source. */
export interface RegexLiteral {
  line: number;
  /** The pattern between the slashes. */
  pattern: string;
}

/** Every regex literal of a source (strings and comments skipped). */
export function regexLiterals(source: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  for (const piece of codeOf(source))
    if (piece.kind === 'regex') found.push({ line: piece.line, pattern: piece.pattern });
  return found;
}

/**
 * The quantified groups of a pattern that may backtrack: a group repeated (`+`, `*`, `{…}`) whose
 * body holds a quantifier or an alternation — `(a+)+`, `( [A-Z]| ?[A-Z]){0,31}` — the shape that
 * makes a failing match try exponentially many ways. Character classes and escapes are skipped.
 * Returns the groups found, as text.
 */
export function riskyGroups(pattern: string): string[] {
  const risky: string[] = [];
  const opens: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') opens.push(i);
    else if (c === ')') {
      const start = opens.pop() ?? 0;
      const after = pattern[i + 1];
      if (after === '+' || after === '*' || after === '{') {
        const body = pattern
          .slice(start + 1, i)
          .replace(/\\./g, '')
          .replace(/\[[^\]]*\]/g, 'x');
        if (/[+*?|]|\{\d+,/.test(body.replace(/^\?[:=!]/, ''))) risky.push(pattern.slice(start, i + 2));
      }
    }
  }
  return risky;
}
