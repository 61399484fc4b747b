import type { CountTable } from './chain';

/** Groups (node, token, count) entries into compressed rows, each row sorted by token id. */
export function compressRows(
  nodes: number,
  entryNode: ArrayLike<number>,
  entryToken: ArrayLike<number>,
  entryCount: ArrayLike<number>,
): CountTable {
  const n = entryNode.length;
  const start = new Int32Array(nodes + 1);
  for (let e = 0; e < n; e++) start[entryNode[e] + 1]++;
  for (let i = 0; i < nodes; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nodes);
  const token = new Int32Array(n);
  const count = new Int32Array(n);
  const total = new Float64Array(nodes);
  for (let e = 0; e < n; e++) {
    const node = entryNode[e];
    let at = fill[node]++;
    // Insertion into the row keeps it sorted by token (rows are short except near the root).
    while (at > start[node] && token[at - 1] > entryToken[e]) {
      token[at] = token[at - 1];
      count[at] = count[at - 1];
      at--;
    }
    token[at] = entryToken[e];
    count[at] = entryCount[e];
    total[node] += entryCount[e];
  }
  return { start, token, count, total, backoff: new Float64Array(nodes).fill(1) };
}
