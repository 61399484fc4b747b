/*
 * Longest common runs against many sequences at once, with the suffix automaton of one sequence
 * (Blumer et al., "The smallest automaton recognizing the subwords of a text", 1985): every run of
 * `a` is a path from state 0, so reading a sequence `b` through it finds, at each position of b,
 * the longest run of `a` ending there — O(|a| + |b|) instead of the O(|a| · |b|) table.
 */

/** The suffix automaton of a sequence of token ids, and where the first occurrence of each state's runs ends. */
export class RunFinder {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly link: number[] = [-1];
  private readonly length: number[] = [0];
  private readonly firstEnd: number[] = [-1];

  constructor(a: ArrayLike<number>) {
    let last = 0;
    for (let i = 0; i < a.length; i++) last = this.extend(last, a[i], i);
  }

  /**
   * The longest run of `a` that `b` contains, and where it starts in `a`: as the table would find
   * it, the run ending first in `b`, at its first occurrence in `a`. Length 0 when they share nothing.
   */
  longestIn(b: ArrayLike<number>): { length: number; start: number } {
    let state = 0;
    let length = 0;
    let best = 0;
    let start = 0;
    for (let j = 0; j < b.length; j++) {
      const c = b[j];
      while (state !== 0 && !this.next[state].has(c)) {
        state = this.link[state];
        length = this.length[state];
      }
      const to = this.next[state].get(c);
      if (to === undefined) length = 0;
      else {
        state = to;
        length++;
      }
      if (length > best) {
        best = length;
        start = this.firstEnd[state] - length + 1;
      }
    }
    return { length: best, start };
  }

  private add(length: number, firstEnd: number, next: Map<number, number>): number {
    this.next.push(next);
    this.link.push(-1);
    this.length.push(length);
    this.firstEnd.push(firstEnd);
    return this.length.length - 1;
  }

  /** Appends token `c` (at index `i` of a) after state `last`; returns the new last state. */
  private extend(last: number, c: number, i: number): number {
    const cur = this.add(this.length[last] + 1, i, new Map());
    let p = last;
    while (p !== -1 && !this.next[p].has(c)) {
      this.next[p].set(c, cur);
      p = this.link[p];
    }
    if (p === -1) this.link[cur] = 0;
    else {
      const q = this.next[p].get(c) as number;
      if (this.length[p] + 1 === this.length[q]) this.link[cur] = q;
      else {
        const clone = this.add(this.length[p] + 1, this.firstEnd[q], new Map(this.next[q]));
        this.link[clone] = this.link[q];
        while (p !== -1 && this.next[p].get(c) === q) {
          this.next[p].set(c, clone);
          p = this.link[p];
        }
        this.link[q] = clone;
        this.link[cur] = clone;
      }
    }
    return cur;
  }
}
