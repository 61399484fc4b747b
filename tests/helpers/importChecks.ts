import { expect } from 'vitest';
import type { Result } from '../../src/core';
import { IMPORT_ERROR_CODES, type ImportError, type ImportedPiece } from '../../src/corpus/midi';

const isTick = (t: number) => Number.isSafeInteger(t) && t >= 0;

/** Problems with an import result, as strings (empty when all is well), so property tests can report them. */
export function importProblems(result: Result<ImportedPiece, ImportError>, file: string): string[] {
  const problems: string[] = [];
  if (!result.ok) {
    const { code, message } = result.error;
    if (!(IMPORT_ERROR_CODES as readonly string[]).includes(code)) problems.push(`unknown code ${code}`);
    if (!message.includes(file)) problems.push(`message without the file name: ${message}`);
    if (result.error.file !== file) problems.push('error.file is not the file');
    return problems;
  }
  const p = result.value;
  for (const t of p.tracks) {
    if (t.notes.length === 0) problems.push(`empty track ${t.name}`);
    for (const n of t.notes) {
      if (!isTick(n.tick) || !isTick(n.duration) || n.duration < 1) problems.push(`bad time ${JSON.stringify(n)}`);
      if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) problems.push(`bad pitch ${n.pitch}`);
      if (!Number.isInteger(n.velocity) || n.velocity < 1 || n.velocity > 127)
        problems.push(`bad velocity ${n.velocity}`);
    }
  }
  for (const x of [...p.tempoMap, ...p.meters, ...p.keySignatures])
    if (!isTick(x.tick)) problems.push(`bad tick ${x.tick}`);
  for (const x of p.tempoMap) if (!(Number.isFinite(x.bpm) && x.bpm > 0)) problems.push(`bad bpm ${x.bpm}`);
  if (!(Number.isFinite(p.tempo) && p.tempo > 0)) problems.push(`bad tempo ${p.tempo}`);
  if (!Number.isFinite(p.keyEstimate.correlation)) problems.push('bad correlation');
  if (p.tempoMap[0]?.tick !== 0 || p.meters[0]?.tick !== 0) problems.push('maps do not start at 0');
  return problems;
}

/** Asserts that a result is a well-formed piece or a typed error naming the file. */
export function expectPieceOrTypedError(result: Result<ImportedPiece, ImportError>, file: string): void {
  expect(importProblems(result, file)).toEqual([]);
}

/** The piece of an ok result; fails the test with the error message otherwise. */
export function pieceOf(result: Result<ImportedPiece, ImportError>): ImportedPiece {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
