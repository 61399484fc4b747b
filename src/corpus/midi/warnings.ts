import { MAX_WARNINGS } from './limits';

/**
 * Collects the warnings of one import. A problem that repeats (a thousand zero-length notes) is
 * counted under one line, not listed a thousand times.
 */
export interface Warnings {
  /** Records one occurrence of `message`; the same message again only raises its count. */
  add(message: string): void;
  /** The warnings in the order first seen, each with its count when it happened more than once. */
  list(): string[];
}

/** A new, empty collector. */
export function createWarnings(): Warnings {
  const counts = new Map<string, number>();
  let dropped = 0;
  return {
    add(message) {
      const count = counts.get(message);
      if (count !== undefined) counts.set(message, count + 1);
      else if (counts.size < MAX_WARNINGS) counts.set(message, 1);
      else dropped++;
    },
    list() {
      const lines = [...counts].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message));
      if (dropped > 0) lines.push(`${dropped} further warnings not listed`);
      return lines;
    },
  };
}
