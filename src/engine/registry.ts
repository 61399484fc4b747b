/**
 * Counts the audio nodes the engine holds, so a test can check that stop and regenerate leave
 * nothing behind. Every node of the live graph is added here and released (disconnected) here.
 */
export class NodeRegistry {
  private readonly nodes = new Set<AudioNode>();

  /** Holds `node`; returns it. */
  add<T extends AudioNode>(node: T): T {
    this.nodes.add(node);
    return node;
  }

  /** Disconnects `node` and forgets it. */
  release(node: AudioNode): void {
    if (!this.nodes.delete(node)) return;
    try {
      node.disconnect();
    } catch {
      // Already disconnected.
    }
  }

  /** Disconnects and forgets every node. */
  releaseAll(): void {
    for (const node of [...this.nodes]) this.release(node);
  }

  /** Nodes held now. */
  get size(): number {
    return this.nodes.size;
  }
}

/** Adds a node to whatever keeps account of them (the registry live, nothing offline). */
export type Keep = <T extends AudioNode>(node: T) => T;

/** Keeps no account: for offline chunks, whose whole context is dropped at once. */
export const keepNothing: Keep = (node) => node;
