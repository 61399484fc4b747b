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
  return new Fnv1a64().update(text).digest();
}

/**
 * FNV-1a 64 fed piece by piece: `update(a).update(b)` hashes as `fnv1a64(a + b)` does, so a
 * training set can be hashed as its pieces arrive without keeping their text.
 */
export class Fnv1a64 {
  // The 64-bit state as four 16-bit limbs, least significant first.
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly encoder = new TextEncoder();
  /** Where texts are encoded, reused (a model file is hashed in thousands of chunks). */
  private scratch = new Uint8Array(0);

  /** Hashes the UTF-8 bytes of `text` (the text may end within a surrogate pair only if the next starts it). */
  update(text: string): this {
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    if (this.scratch.length < 3 * text.length) this.scratch = new Uint8Array(3 * text.length);
    const { written } = this.encoder.encodeInto(text, this.scratch);
    return this.updateBytes(this.scratch.subarray(0, written));
  }

  updateBytes(bytes: Uint8Array): this {
    let { h0, h1, h2, h3 } = this;
    for (let i = 0; i < bytes.length; i++) {
      h0 ^= bytes[i];
      // Multiply by the FNV prime 2^40 + 0x1b3: h·0x1b3 + (h << 40), limb by limb with carries.
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3;
      const t2 = h2 * 0x1b3;
      const t3 = h3 * 0x1b3;
      const r1 = t1 + (t0 >>> 16);
      const r2 = t2 + (r1 >>> 16) + (h0 << 8);
      const r3 = t3 + (r2 >>> 16) + (h1 << 8);
      h0 = t0 & 0xffff;
      h1 = r1 & 0xffff;
      h2 = r2 & 0xffff;
      h3 = r3 & 0xffff;
    }
    Object.assign(this, { h0, h1, h2, h3 });
    return this;
  }

  /** The hash so far, 16 hex digits. */
  digest(): string {
    const hex = (limb: number) => limb.toString(16).padStart(4, '0');
    return hex(this.h3) + hex(this.h2) + hex(this.h1) + hex(this.h0);
  }
}

/**
 * A 64-bit check of 32-bit words, for the model's binary form: two lanes, FNV-1a's over words and
 * one with MurmurHash's constant, each step a bijection of its lane, so that any one changed word
 * changes the result and damage elsewhere does so but for a chance of 2⁻⁶⁴. Reads a word per
 * step (four times fewer steps than {@link Fnv1a64} over bytes): megabytes in milliseconds.
 * Not cryptographic; it finds damage, not forgery.
 */
export function wordsHash64(words: Uint32Array): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ words.length, 0x01000193);
  b = Math.imul(b ^ words.length, 0x5bd1e995);
  return [a >>> 0, (b ^ (b >>> 13)) >>> 0];
}
