/**
 * Small scanners of TypeScript source for the shapes of issue #19 that a reviewer misses: spread
 * arguments over arrays (stack overflow) and regular expressions that can backtrack.
 *
 * Finds spread arguments in calls (`f(...xs)`, `a.push(...xs)`, `new X(...xs)`) in TypeScript
 * source: each element becomes an argument on the stack, so a long array overflows it. A small
 * scanner rather than a parser: strings, template literals, comments and regex literals are
 * skipped; a spread counts when the innermost open bracket is a `(` that follows a name or a `)`
 * (a call), not a `[` or `{` (array and object literals are fine at any length) and not a rest
 * parameter (a `(` after `function name` or before `=>`).
 */
export interface CallSpread {
  line: number;
  /** The source line, trimmed. */
  text: string;
}

export function callSpreads(source: string): CallSpread[] {
  const found: CallSpread[] = [];
  const stack: { open: string; call: boolean }[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  const lineText = (at: number) => {
    const start = source.lastIndexOf('\n', at - 1) + 1;
    const end = source.indexOf('\n', at);
    return source.slice(start, end < 0 ? n : end).trim();
  };
  const prevSignificant = (at: number) => {
    let k = at - 1;
    while (k >= 0 && /\s/.test(source[k])) k--;
    return k;
  };
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '\n') line++;
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') line++;
        i++;
      }
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && source[i] !== c) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') line++;
        i++;
      }
      i++;
      continue;
    }
    if (c === '/') {
      // A regex literal where an operand may start (after an operator or an open bracket).
      const k = prevSignificant(i);
      if (
        k < 0 ||
        '(,=:[!&|?{};+-*%<>~^'.includes(source[k]) ||
        /\b(return|typeof|case)$/.test(source.slice(0, k + 1))
      ) {
        i++;
        let inClass = false;
        while (i < n && (source[i] !== '/' || inClass) && source[i] !== '\n') {
          if (source[i] === '\\') i++;
          else if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i++;
        }
        i++;
        continue;
      }
    }
    if (c === '(' || c === '[' || c === '{') {
      let call = false;
      if (c === '(') {
        const k = prevSignificant(i);
        const before = source.slice(Math.max(0, k - 40), k + 1);
        const named = k >= 0 && /[\w$)\]>]$/.test(before);
        const declaration =
          /\bfunction\s*[\w$]*\s*(<[^>]*>)?$/.test(before) || /\b(if|for|while|switch|catch)$/.test(before);
        call = named && !declaration;
      }
      stack.push({ open: c, call });
    } else if (c === ')' || c === ']' || c === '}') {
      stack.pop();
    } else if (c === '.' && next === '.' && source[i + 2] === '.') {
      const top = stack[stack.length - 1];
      if (top?.call) {
        // A rest parameter of an arrow function: `(...xs) =>` right after this group closes.
        const close = matching(source, i);
        const after = close < 0 ? '' : source.slice(close + 1, close + 40);
        if (!/^\s*(:[^=]*)?=>/.test(after)) found.push({ line, text: lineText(i) });
      }
      i += 3;
      continue;
    }
    i++;
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

/** Every regex literal (`/…/flags` where an operand may start), strings and comments skipped. */
export function regexLiterals(source: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '\n') line++;
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') line++;
        i++;
      }
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && source[i] !== c) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') line++;
        i++;
      }
      i++;
      continue;
    }
    if (c === '/') {
      let k = i - 1;
      while (k >= 0 && /\s/.test(source[k])) k--;
      if (k < 0 || '(,=:[!&|?{};'.includes(source[k]) || /\b(return|typeof|case)$/.test(source.slice(0, k + 1))) {
        const start = i + 1;
        i++;
        let inClass = false;
        while (i < n && (source[i] !== '/' || inClass) && source[i] !== '\n') {
          if (source[i] === '\\') i++;
          else if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i++;
        }
        found.push({ line, pattern: source.slice(start, i) });
        i++;
        continue;
      }
    }
    i++;
  }
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
