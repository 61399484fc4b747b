import { fnv1a64 } from './hash';

/**
 * The checksum a model file carries over everything else in it, so that a file edited after
 * `muse train` wrote it — a changed `provenance.contentHash` (exports would carry a false hash), a
 * count, a licence — is refused instead of trusted. FNV-1a 64 over a canonical text: object keys
 * sorted, so neither the writer's key order nor a reformatted (pretty-printed) file matters.
 * Not a signature: it catches edits and damage, not a forger who recomputes it.
 */
export function modelChecksum(file: object): string {
  return `fnv1a64:${fnv1a64(canonicalText(file, 'checksum'))}`;
}

/** JSON with object keys sorted (`skip` left out at the top level); arrays of numbers and strings in one native call. */
function canonicalText(value: unknown, skip?: string): string {
  if (Array.isArray(value)) {
    if (isFlat(value)) return JSON.stringify(value);
    return `[${value.map((v) => canonicalText(v)).join(',')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value)
    .filter((k) => k !== skip && (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * `JSON.stringify({ ...file, checksum: modelChecksum(file) })`, with each list of numbers or strings
 * turned into text once for both the file and its canonical text (a model file is mostly such
 * lists: millions of counts), and the canonical text hashed part by part as it is made.
 */
export function jsonWithChecksum(file: object): string {
  const [json, canonical] = texts(file, 'checksum');
  const checksum = `fnv1a64:${fnv1a64(canonical)}`;
  return `${json.slice(0, -1)}${json === '{}' ? '' : ','}${JSON.stringify('checksum')}:${JSON.stringify(checksum)}}`;
}

/** The JSON text of `value` (keys in their order) and its canonical text ({@link canonicalText}). */
function texts(value: unknown, skip?: string): [string, string] {
  if (Array.isArray(value)) {
    if (isFlat(value)) {
      const text = JSON.stringify(value);
      return [text, text];
    }
    const parts = value.map((v) => texts(v));
    return [`[${parts.map((p) => p[0]).join(',')}]`, `[${parts.map((p) => p[1]).join(',')}]`];
  }
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? 'null';
    return [text, text];
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => k !== skip && record[k] !== undefined);
  const parts = new Map(keys.map((k) => [k, texts(record[k])]));
  const entry = (k: string, i: 0 | 1) => `${JSON.stringify(k)}:${(parts.get(k) as [string, string])[i]}`;
  return [
    `{${keys.map((k) => entry(k, 0)).join(',')}}`,
    `{${[...keys]
      .sort()
      .map((k) => entry(k, 1))
      .join(',')}}`,
  ];
}

/** Whether a list holds no object or list (a plain loop: model files hold lists of millions). */
function isFlat(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}
