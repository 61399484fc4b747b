/// <reference lib="webworker" />
// Runs in a Web Worker: trains a model off the main thread, so the page and its sound stay smooth;
// the page terminates this worker (and its partner, when two train) to cancel. What it answers:
// trainServe.ts.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import { serveTraining, type TrainScope } from './trainServe';

serveTraining(self as unknown as TrainScope);
