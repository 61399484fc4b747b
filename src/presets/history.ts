/**
 * Undo and Redo over whole states (a recipe with its edits, or what the page shows for it): `push`
 * records the state being left, `undo` and `redo` step through them. At most `limit` steps back are
 * kept (the oldest go first); a new change after an undo forgets the steps that were undone.
 *
 * @example
 * const h = new History<string>(100);
 * h.push('a'); // leaving 'a' for 'b'
 * h.undo('b'); // => 'a'
 * h.redo('a'); // => 'b'
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(readonly limit = 100) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  /** Steps that Undo can take. */
  get depth(): number {
    return this.past.length;
  }

  /** Records `left`, the state a change leaves behind. */
  push(left: T): void {
    this.past.push(left);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The state before `now`, or undefined when there is none (`now` is then kept). */
  undo(now: T): T | undefined {
    const back = this.past.pop();
    if (back !== undefined) this.future.push(now);
    return back;
  }

  /** The state undone last, or undefined. */
  redo(now: T): T | undefined {
    const forward = this.future.pop();
    if (forward !== undefined) this.past.push(now);
    return forward;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
