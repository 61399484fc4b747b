import { type ImportedFile, MAX_FILE_BYTES } from '../corpus/importFile';
import { t } from './i18n';

/** Options of {@link importFiles}. */
export interface ImportQueueOptions {
  /** A file still importing after this many milliseconds is abandoned with a 'timeout' error. */
  deadlineMs: number;
  /** Called after each file, in order. */
  onFile: (result: ImportedFile, index: number) => void;
  signal?: AbortSignal;
}

const failed = (file: string, code: string, message: string): ImportedFile => ({
  lines: [{ file, ok: false, error: { code, message } }],
  pieces: [],
});

/**
 * Imports files one after another in a Web Worker, off the main thread. A file that takes longer
 * than the deadline, or that crashes the worker, gets an error and a fresh worker takes the next
 * file: the page stays responsive whatever the files hold.
 */
export async function importFiles(files: readonly File[], options: ImportQueueOptions): Promise<ImportedFile[]> {
  let worker: Worker | undefined;
  const fresh = () => new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const results: ImportedFile[] = [];
  try {
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) break;
      let result: ImportedFile;
      if (file.size > MAX_FILE_BYTES) {
        result = failed(
          file.name,
          'too-large',
          t('{file}: {size} bytes is over the limit of {limit}', {
            file: file.name,
            size: file.size,
            limit: MAX_FILE_BYTES,
          }),
        );
      } else {
        worker ??= fresh();
        const bytes = await file.arrayBuffer();
        result = await run(worker, index, file.name, bytes, options);
        if (!result.lines[0]?.ok && ['timeout', 'crash', 'cancelled'].includes(result.lines[0]?.error?.code ?? '')) {
          worker.terminate();
          worker = undefined;
        }
      }
      results.push(result);
      options.onFile(result, index);
    }
  } finally {
    worker?.terminate();
  }
  return results;
}

function run(
  worker: Worker,
  id: number,
  name: string,
  bytes: ArrayBuffer,
  options: ImportQueueOptions,
): Promise<ImportedFile> {
  return new Promise((resolve) => {
    const done = (result: ImportedFile) => {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onMessage = (e: MessageEvent<{ id: number; result: ImportedFile }>) => {
      if (e.data.id === id) done(e.data.result);
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      done(
        failed(
          name,
          'crash',
          t('{file}: the importer stopped ({reason})', { file: name, reason: e.message || t('out of memory?') }),
        ),
      );
    };
    const onAbort = () => done(failed(name, 'cancelled', t('{file}: cancelled', { file: name })));
    const timer = setTimeout(
      () =>
        done(
          failed(
            name,
            'timeout',
            t('{file}: took longer than {seconds} s, so it was stopped', {
              file: name,
              seconds: options.deadlineMs / 1000,
            }),
          ),
        ),
      options.deadlineMs,
    );
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    options.signal?.addEventListener('abort', onAbort);
    worker.postMessage({ id, name, bytes }, [bytes]);
  });
}
