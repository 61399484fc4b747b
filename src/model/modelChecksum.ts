import { fnv1a64 } from './hash';

/**
 * The checksum a model file carries over everything else in it, so that a file edited after
 * `muse train` wrote it — a changed `provenance.contentHash` (exports would carry a false hash), a
 * count, a licence — is refused instead of trusted. FNV-1a 64 over a canonical text: object keys
 * sorted, so neither the writer's key order nor a reformatted (pretty-printed) file matters.
 * Not a signature: it catches edits and damage, not a forger who recomputes it.
 */
export function modelChecksum(file: object): string {
  return `fnv1a64:${fnv1a64(texts(file, false, 'checksum')[1])}`;
}

/**
 * `JSON.stringify({ ...file, checksum: modelChecksum(file) })` (`file` without a checksum), with each
 * list of numbers or strings turned into text once for both the file and its canonical text (a
 * model file is mostly such lists: millions of counts).
 */
export function jsonWithChecksum(file: object): string {
  const [json, canonical] = texts(file, true, 'checksum');
  const checksum = `fnv1a64:${fnv1a64(canonical)}`;
  return `${json.slice(0, -1)}${json === '{}' ? '' : ','}${JSON.stringify('checksum')}:${JSON.stringify(checksum)}}`;
}

/**
 * The canonical text of `value` — JSON with object keys sorted (`skip` left out at the top level),
 * lists of numbers and strings in one native call — and, with `withJson`, its JSON text (keys in
 * their order; '' without). The lists' texts serve both.
 */
function texts(value: unknown, withJson: boolean, skip?: string): [string, string] {
  if (Array.isArray(value)) {
    if (isFlat(value)) {
      const text = JSON.stringify(value);
      return [text, text];
    }
    const parts = value.map((v) => texts(v, withJson));
    const list = (i: 0 | 1) => `[${parts.map((p) => p[i]).join(',')}]`;
    return [withJson ? list(0) : '', list(1)];
  }
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? 'null';
    return [text, text];
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => k !== skip && record[k] !== undefined);
  const parts = new Map(keys.map((k) => [k, texts(record[k], withJson)]));
  const object = (order: readonly string[], i: 0 | 1) =>
    `{${order.map((k) => `${JSON.stringify(k)}:${(parts.get(k) as [string, string])[i]}`).join(',')}}`;
  return [withJson ? object(keys, 0) : '', object([...keys].sort(), 1)];
}

/** Whether a list holds no object or list (a plain loop: model files hold lists of millions). */
function isFlat(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}
