/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of a text, in plain 32-bit integer arithmetic (no BigInt,
 * no crypto module): the same hash in Node and in the browser. Not cryptographic — it names a
 * training set, it does not protect one.
 *
 * @example
 * fnv1a64(''); // => "cbf29ce484222325"
 * fnv1a64('a'); // => "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The 64-bit state as four 16-bit limbs, least significant first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of bytes) {
    h0 ^= byte;
    // Multiply by the FNV prime 2^40 + 0x1b3: h·0x1b3 + (h << 40), limb by limb with carries.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3;
    const t3 = h3 * 0x1b3;
    const r0 = t0;
    const r1 = t1 + (r0 >>> 16);
    const r2 = t2 + (r1 >>> 16) + (h0 << 8);
    const r3 = t3 + (r2 >>> 16) + (h1 << 8);
    h0 = r0 & 0xffff;
    h1 = r1 & 0xffff;
    h2 = r2 & 0xffff;
    h3 = r3 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}
