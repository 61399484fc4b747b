import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { counted, err, ok, type Result } from '../core';
import { UsageError } from './args';

/**
 * Reading the files a user names, as a careless or hostile user may name them: folders with
 * symbolic-link loops, devices (/dev/zero), named pipes, files that grow while read. Only regular
 * files are read, each real path once, and never more bytes than the limit.
 */

/** Files the folder walk picks up (a file named on the command line is tried whatever its name). */
const IMPORTABLE = /\.(mid|midi|kar|smf|json)$/i;

/** What kind of thing a path is, in the words of a refusal. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a path could not be read: "is a folder, not a file", "does not exist". */
export class FileRefusal extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code = 'not-a-file',
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * The bytes of a regular file, at most `limit` of them: a path that is not a regular file (a
 * folder, a device, a named pipe) or holds more is refused without reading further. The file is
 * opened without blocking (a pipe put in its place between the check and the open does not hang)
 * and checked again once open; the size is what was actually read, not what `stat` claims.
 */
export function readBounded(path: string, limit: number, what = 'file'): Uint8Array {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new FileRefusal(path, missingReason(e), 'missing');
  }
  if (!stat.isFile()) throw new FileRefusal(path, `is ${kindOf(stat)}, not a ${what}`);
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new FileRefusal(path, `is ${kindOf(opened)}, not a ${what}`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    // The first read is sized by what fstat says (one byte more, to see the end); more is read if
    // the file grew, in chunks from 4 KiB doubling up to 1 MiB. A thousand small files then cost
    // no megabyte buffers each (not even for the read that finds the end).
    let chunk = Math.min(limit + 1, Math.max(4096, opened.size + 1));
    let next = 4096;
    for (;;) {
      const buffer = new Uint8Array(Math.min(chunk, limit + 1 - total));
      chunk = Math.min(limit + 1, next);
      next = Math.min(next * 2, 1 << 20);
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > limit)
        throw new FileRefusal(path, `the ${what} is larger than ${sizeText(limit)}, the limit`, 'too-large');
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** "16 MiB", "64 KiB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

function missingReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'there is no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'you may not read it (permission denied)';
  if (code === 'ELOOP') return 'its symbolic links go round in a loop';
  return e instanceof Error ? e.message : String(e);
}

/** The text of a file the user named (a preset, a model); any refusal is a usage error (exit 2). */
export function readUserFile(path: string, limit: number, what: string, hint = ''): string {
  try {
    return new TextDecoder().decode(readBounded(path, limit, what));
  } catch (e) {
    const reason = e instanceof FileRefusal ? e.reason : e instanceof Error ? e.message : String(e);
    throw new UsageError(`cannot read the ${what} ${path}: ${reason}${hint ? ` (${hint})` : ''}`);
  }
}

/** A file to import, or a path the walk refused (a device, a pipe in a folder) with the reason. */
export type Collected = { path: string } | { path: string; refused: string };

/**
 * The bytes of a file of the walk (at most `limit`), or why it cannot be read, as an import error
 * line says it: the code and a message naming the file.
 */
export function readEntry(entry: Collected, limit: number): Result<Uint8Array, { code: string; message: string }> {
  if ('refused' in entry) return err({ code: 'not-a-file', message: `${entry.path}: ${entry.refused}` });
  try {
    return ok(readBounded(entry.path, limit));
  } catch (e) {
    if (e instanceof FileRefusal) return err({ code: e.code, message: e.message });
    return err({ code: 'unreadable', message: `${entry.path}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/**
 * Every importable file under the paths: files as given, folders walked (sorted, recursively).
 * Symbolic links are followed, but each real folder and file is visited once, so a link to a
 * parent folder or a loop of links ends. Things that are not regular files are refused by name
 * (a named pipe called pipe.mid in a folder would otherwise block the read forever).
 */
export function collectEntries(paths: readonly string[]): Collected[] {
  const out: Collected[] = [];
  const seen = new Set<string>();
  const walk = (path: string, given: boolean) => {
    let stat: Stats;
    let real: string;
    try {
      stat = statSync(path);
      real = realpathSync(path);
    } catch (e) {
      if (given) throw new UsageError(`cannot import ${path}: ${missingReason(e)}`);
      return; // a dangling link inside a folder: nothing to import
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path).sort();
      } catch (e) {
        out.push({ path, refused: `cannot open the folder: ${missingReason(e)}` });
        return;
      }
      for (const name of names) walk(join(path, name), false);
    } else if (given || IMPORTABLE.test(path)) {
      if (stat.isFile()) out.push({ path });
      else out.push({ path, refused: `is ${kindOf(stat)}, not a file: only regular files are imported` });
    }
  };
  for (const p of paths) walk(p, true);
  return out;
}

/** The importable files under the paths (see {@link collectEntries}), without the refused ones. */
export function collectFiles(paths: readonly string[]): string[] {
  return collectEntries(paths)
    .filter((e) => !('refused' in e))
    .map((e) => e.path);
}

/** "12 files" / "1 file": for messages about what a walk found. */
export const filesText = (n: number) => counted(n, 'file');
