/** The value after `name` in `args` (undefined when absent), both taken out of `args`: the profiling tools' options. */
export function takeFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}
