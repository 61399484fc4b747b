import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One file the CLI writes: its bytes, its text, or its text in chunks (written as they come). */
export interface Output {
  path: string;
  data: Uint8Array | string | Iterable<string>;
}

/** The few file operations {@link writeOutputs} needs (tests pass failing ones). */
export interface OutputFs {
  openSync: (path: string, flags: string) => number;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: (fd: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  unlinkSync: (path: string) => void;
}

const nodeFs: OutputFs = { openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync };

const reasonOf = (e: unknown) => {
  const code = (e as { code?: string }).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EFBIG') return 'the file is larger than this system allows';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EROFS') return 'the disk is read-only';
  return e instanceof Error ? e.message : String(e);
};

/** An output's data as bytes: at once, or a chunk of text at a time (encoded into one reused buffer). */
function* chunksOf(data: Output['data']): Generator<Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(0);
  for (const text of typeof data === 'string' ? [data] : data) {
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    if (scratch.length < 3 * text.length) scratch = new Uint8Array(3 * text.length);
    yield scratch.subarray(0, encoder.encodeInto(text, scratch).written);
  }
}

/**
 * Writes a set of files all or nothing: each is written to a temporary file beside it
 * (".NAME.PID-N.tmp"), flushed to disk, and only when every one is complete are they renamed into
 * place. A full disk, a missing folder or a failed file of the set leaves none of the set and no
 * temporary file behind, and never half a file under the name asked for. A path that exists and
 * is not a regular file (a folder) is refused before anything is written.
 *
 * @throws Error "cannot write PATH: REASON" (the CLI's exit status 1).
 */
export function writeOutputs(outputs: readonly Output[], fs: OutputFs = nodeFs): void {
  const streams: Output[] = [];
  const files: Output[] = [];
  for (const o of outputs) {
    let kind: string | undefined;
    try {
      const s = statSync(o.path);
      // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: it holds no half file.
      if (s.isCharacterDevice() || s.isFIFO()) {
        streams.push(o);
        continue;
      }
      if (!s.isFile()) kind = s.isDirectory() ? 'a folder' : 'not a regular file';
    } catch {
      // Not there yet: the usual case.
    }
    if (kind) throw new Error(`cannot write ${o.path}: it is ${kind}; nothing was written`);
    files.push(o);
  }
  writeFiles(files, fs);
  for (const o of streams) {
    try {
      const fd = openSync(o.path, 'w');
      try {
        for (const bytes of chunksOf(o.data))
          for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw new Error(`cannot write ${o.path}: ${reasonOf(e)}`);
    }
  }
}

function writeFiles(outputs: readonly Output[], fs: OutputFs): void {
  const temps: string[] = [];
  const cleanUp = () => {
    for (const t of temps)
      try {
        fs.unlinkSync(t);
      } catch {
        // Already gone.
      }
  };
  outputs.forEach((o, i) => {
    const temp = join(dirname(o.path), `.${basename(o.path)}.${process.pid}-${i}.tmp`);
    let fd: number | undefined;
    try {
      fd = fs.openSync(temp, 'wx');
      temps.push(temp);
      for (const bytes of chunksOf(o.data))
        for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd as number, bytes, at, bytes.length - at);
      fs.fsyncSync(fd);
    } catch (e) {
      if (fd !== undefined) fs.closeSync(fd);
      cleanUp();
      const rest = outputs.length > 1 ? ` (none of the ${outputs.length} files was written)` : '';
      throw new Error(`cannot write ${o.path}: ${reasonOf(e)}${rest}`);
    }
    fs.closeSync(fd);
  });
  const placed: string[] = [];
  for (const [i, o] of outputs.entries()) {
    try {
      fs.renameSync(temps[i], o.path);
      placed.push(o.path);
    } catch (e) {
      cleanUp();
      for (const p of placed)
        try {
          fs.unlinkSync(p);
        } catch {
          // Already gone.
        }
      throw new Error(`cannot write ${o.path}: ${reasonOf(e)}`);
    }
  }
}
