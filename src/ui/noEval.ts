/**
 * Imported first by every browser entry (main.ts, importWorker.ts). The page is meant to be served
 * with a Content-Security-Policy without 'unsafe-eval' (see README): zod 4 would otherwise probe
 * `new Function("")` when a schema module loads, to compile fast parsers. The probe's error is
 * caught, but the browser still reports a CSP violation. Jitless zod parses the same, without it.
 * Must run before any module that defines a zod schema is evaluated.
 */
import { z } from 'zod';

z.config({ jitless: true });
