import { err, ok, type Result } from './result';

/**
 * How deep untrusted JSON may nest. Our own files nest at most 6 levels (a model file's chains); a
 * file nested deeper was not written by markov-muse, and a value nested thousands deep would
 * overflow the stack of every recursive reader after JSON.parse (schema checks, JSON.stringify).
 */
export const MAX_JSON_DEPTH = 64;

/** Keys that could reach an object's prototype when merged: never in our files. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with the shape of an untrusted JSON value, and where (a dotted path, '' for the root). */
export type JsonShapeProblem =
  | { kind: 'too-deep'; path: string; depth: number }
  | { kind: 'forbidden-key'; path: string; key: string };

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first problem of a parsed JSON value's shape: nested deeper than `maxDepth` (objects and
 * arrays count one level each) or a key such as "__proto__". Walks without recursion, so any
 * depth is safe to inspect; looks no deeper than `maxDepth + 1`.
 *
 * @example
 * inspectJson({ a: [{ b: 1 }] }); // => undefined
 * inspectJson(JSON.parse('{"a":{"__proto__":1}}')); // => { kind: 'forbidden-key', path: 'a', key: '__proto__' }
 */
export function inspectJson(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 1 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const v = top.value;
    if (typeof v !== 'object' || v === null) continue;
    if (top.depth > maxDepth) return { kind: 'too-deep', path: top.path, depth: top.depth };
    if (Array.isArray(v)) {
      // Pushed last first, so that the first problem in reading order is found first.
      for (let i = v.length - 1; i >= 0; i--)
        if (typeof v[i] === 'object' && v[i] !== null)
          stack.push({ value: v[i], path: join(top.path, i), depth: top.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    const bad = keys.find((k) => FORBIDDEN_KEYS.has(k));
    if (bad !== undefined) return { kind: 'forbidden-key', path: top.path, key: bad };
    for (let i = keys.length - 1; i >= 0; i--) {
      const inner = (v as Record<string, unknown>)[keys[i]];
      if (typeof inner === 'object' && inner !== null)
        stack.push({ value: inner, path: join(top.path, keys[i]), depth: top.depth + 1 });
    }
  }
  return undefined;
}

/** The deepest nesting of objects and arrays in a JSON text, counted without parsing it (strings skipped). */
export function jsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Why an untrusted JSON text was refused, in words for the user (the caller names the file). */
export interface JsonTextError {
  kind: 'syntax' | 'too-deep';
  message: string;
}

/**
 * JSON.parse for untrusted text: refuses text nested deeper than `maxDepth` before parsing it
 * (JSON.parse itself copes, but every recursive reader after it would overflow the stack) and
 * turns a syntax error into a message.
 */
export function parseUntrustedJson(text: string, maxDepth = MAX_JSON_DEPTH): Result<unknown, JsonTextError> {
  const depth = jsonTextDepth(text, maxDepth);
  if (depth > maxDepth) return err({ kind: 'too-deep', message: tooDeepMessage(maxDepth) });
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    return err({ kind: 'syntax', message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
  }
}

/** "is nested too deep (more than 64 levels of [ and {)": the same words wherever depth is refused. */
export function tooDeepMessage(maxDepth = MAX_JSON_DEPTH): string {
  return `is nested too deep (more than ${maxDepth} levels of [ and {): markov-muse never writes such a file`;
}
