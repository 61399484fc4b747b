import { connect, type InputNode, type OutputNode } from 'tone/build/esm/core/context/ToneAudioNode';

/**
 * Joins signals into one input. Exact (offline), they are chained through two-input sums: a
 * browser adds the inputs of one node in no fixed order, and with three or more the float rounding
 * then differs from run to run; two at a time, a render repeats to the last bit. Otherwise (live)
 * each connects to the input directly.
 */
export class SumChain {
  private tail: OutputNode | undefined;
  private readonly links: GainNode[] = [];

  constructor(
    private readonly raw: BaseAudioContext,
    private readonly input: InputNode,
    private readonly exact: boolean,
  ) {}

  /**
   * Adds `node` to the sum; returns where it went in, so a node that replaces it later (a voice
   * made again) can take its place there, in the same order of the sum.
   */
  join(node: OutputNode): InputNode {
    if (!this.exact || !this.tail) {
      connect(node, this.input);
      this.tail ??= node;
      return this.input;
    }
    const link = this.raw.createGain();
    this.tail.disconnect();
    connect(this.tail, link);
    connect(node, link);
    connect(link, this.input);
    this.tail = link;
    this.links.push(link);
    return link;
  }

  /** The two-input sums made. */
  get nodes(): number {
    return this.links.length;
  }

  dispose(): void {
    for (const l of this.links) l.disconnect();
    this.links.length = 0;
    this.tail = undefined;
  }
}
