/**
 * A hash map from pairs of non-negative 32-bit integers to non-negative integers, open addressing
 * over typed arrays: counting n-grams with it allocates nothing per key, unlike a Map with number
 * keys above 2^31 (boxed) or string keys.
 */
export class IntPairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  /** Number of pairs stored. */
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.keysA = new Int32Array(n).fill(-1);
    this.keysB = new Int32Array(n);
    this.values = new Int32Array(n);
    this.mask = n - 1;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keysA[i] !== -1 && (this.keysA[i] !== a || this.keysB[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.keysA[i] === -1 ? -1 : this.values[i];
  }

  /** Sets (a, b) to `value` (≥ 0). */
  set(a: number, b: number, value: number): void {
    let i = this.slot(a, b);
    if (this.keysA[i] === -1) {
      if ((this.size + 1) * 2 > this.keysA.length) {
        this.grow();
        i = this.slot(a, b);
      }
      this.keysA[i] = a;
      this.keysB[i] = b;
      this.size++;
    }
    this.values[i] = value;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const n = keysA.length * 2;
    this.keysA = new Int32Array(n).fill(-1);
    this.keysB = new Int32Array(n);
    this.values = new Int32Array(n);
    this.mask = n - 1;
    for (let i = 0; i < keysA.length; i++) {
      if (keysA[i] === -1) continue;
      const j = this.slot(keysA[i], keysB[i]);
      this.keysA[j] = keysA[i];
      this.keysB[j] = keysB[i];
      this.values[j] = values[i];
    }
  }
}
