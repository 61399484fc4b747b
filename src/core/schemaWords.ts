import type { z } from 'zod';

/**
 * What zod says about a refused field ("Too big: expected int to be <=9007199254740991", "Invalid
 * input") is for programmers. These turn an issue into what a musician reads: the field, what it
 * must be (read from the schema itself, so the words follow the rules) and the value given.
 */

// A loose view of zod's schema definitions: just what is read here.
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  items?: Schema[];
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  valueType?: Schema;
}
interface Schema {
  def: Def;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault']);

function unwrap(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  while (s && WRAPPERS.has(s.def.type) && s.def.innerType) s = s.def.innerType;
  return s;
}

/** The part of `schema` that checks the value at `path`. */
function schemaAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let s = unwrap(schema);
  for (const key of path) {
    if (!s) return undefined;
    const d = s.def;
    if (d.type === 'object') s = d.shape?.[String(key)];
    else if (d.type === 'tuple') s = d.items?.[Number(key)];
    else if (d.type === 'array') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else return undefined;
    s = unwrap(s);
  }
  return s;
}

const literalsOf = (s: Schema): unknown[] | undefined => {
  const d = s.def;
  if (d.type === 'literal') return d.values;
  if (d.type === 'enum') return d.entries ? Object.values(d.entries) : undefined;
  if (d.type === 'union') {
    const all = (d.options ?? []).map((o) => literalsOf(unwrap(o) as Schema));
    return all.every(Boolean) ? all.flat() : undefined;
  }
  return undefined;
};

/** "2, 4 or 8". */
function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

const fmt = (n: number) => String(n);

/** What a value checked by `schema` must be, in words: "a whole number from 30 to 300". */
export function expectedOf(schema: Schema | undefined): string | undefined {
  const s = unwrap(schema);
  if (!s) return undefined;
  const literals = literalsOf(s);
  if (literals) return literals.length === 1 ? orList(literals) : `one of ${orList(literals)}`;
  switch (s.def.type) {
    case 'number': {
      const kind = s.isInt ? 'a whole number' : 'a number';
      const lo = s.minValue ?? Number.NEGATIVE_INFINITY;
      const hi = s.maxValue ?? Number.POSITIVE_INFINITY;
      const bounded = (x: number) => Number.isFinite(x) && Math.abs(x) < 2 ** 52;
      if (bounded(lo) && bounded(hi)) return `${kind} from ${fmt(lo)} to ${fmt(hi)}`;
      if (bounded(lo)) return `${kind} of at least ${fmt(lo)}`;
      if (bounded(hi)) return `${kind} of at most ${fmt(hi)}`;
      return kind;
    }
    case 'string': {
      const lo = s.minLength ?? 0;
      const hi = s.maxLength;
      if (hi != null) return lo > 0 ? `text of ${lo} to ${hi} characters` : `text of at most ${hi} characters`;
      return lo > 0 ? `text of at least ${lo} character${lo === 1 ? '' : 's'}` : 'text';
    }
    case 'boolean':
      return 'true or false';
    case 'tuple':
      return `a list of ${s.def.items?.length ?? 0} values`;
    case 'array':
      return 'a list';
    case 'object':
      return `an object with the fields ${Object.keys(s.def.shape ?? {}).join(', ')}`;
    default:
      return undefined;
  }
}

/** A value as a message shows it: numbers as written, text in quotes, both cut short. */
export function shownValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (Array.isArray(value)) return `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[String(key)];
  }
  return v;
}

/** The start of zod's own messages (anything else is a schema's own words). */
const ZOD_WORDS = /^(Invalid|Too big|Too small|Unrecognized)/;

/** A refused field in words: where, and what is wrong with it. */
export interface FieldProblem {
  /** The dotted path of the field, or "(root)". */
  field: string;
  /** "must be a whole number from 30 to 300, not 1e308". */
  reason: string;
}

/**
 * The first issue of a failed zod parse in a musician's words, the expected value read from the
 * schema, e.g. `{ field: 'meter.1', reason: 'must be one of 2, 4 or 8, not 3' }`.
 */
export function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue, input: unknown): FieldProblem {
  const root = schema as unknown as Schema;
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]].join('.');
    const known = Object.keys(schemaAt(root, path)?.def.shape ?? {});
    return {
      field,
      reason: `is not a field here${known.length ? ` (the fields are: ${known.join(', ')})` : ''}`,
    };
  }
  const field = path.join('.') || '(root)';
  const value = valueAt(input, path);
  if (issue.code === 'custom') return { field, reason: issue.message };
  // A rule with its own words (the form, a name, a key) says best what it wants.
  if (!ZOD_WORDS.test(issue.message)) return { field, reason: `must be ${issue.message}, not ${shownValue(value)}` };
  const expected = expectedOf(schemaAt(root, path));
  if (value === undefined && issue.code === 'invalid_type')
    return { field, reason: expected ? `is missing (it must be ${expected})` : 'is missing' };
  if (!expected) return { field, reason: `${issue.message.replace(/^Invalid input: /, '')}, not ${shownValue(value)}` };
  return { field, reason: `must be ${expected}, not ${shownValue(value)}` };
}
