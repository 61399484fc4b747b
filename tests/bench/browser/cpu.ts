/**
 * CPU time of a process tree (Linux /proc): what a render costs whatever else the machine is
 * doing, where wall-clock time also counts the waits for a busy CPU. Used by the render benchmark
 * on the browser it launched (all its processes are children of this one).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  ticks: number;
}

function stat(pid: string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** Whether CPU times can be read here. */
export function cpuTimesAvailable(): boolean {
  return existsSync('/proc/self/stat');
}

/** Milliseconds of CPU used so far by the processes descended from `root` (not `root` itself). */
export function descendantsCpuMs(root = process.pid): number {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(stat)
    .filter((s): s is Stat => s !== undefined);
  const children = new Map<number, Stat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
