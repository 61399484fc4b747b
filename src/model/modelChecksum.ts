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
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    return `[${value.map((v) => canonicalText(v)).join(',')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value)
    .filter((k) => k !== skip && (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`).join(',')}}`;
}
