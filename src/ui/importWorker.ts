/// <reference lib="webworker" />
// Runs in a Web Worker: imports one file at a time, so that a slow or hostile file never blocks the
// page; the page terminates this worker when a file passes its deadline.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import { importFile } from '../corpus/importFile';

export interface ImportRequest {
  id: number;
  name: string;
  bytes: ArrayBuffer;
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const { id, name, bytes } = e.data;
  self.postMessage({ id, result: importFile(name, new Uint8Array(bytes)) });
};
