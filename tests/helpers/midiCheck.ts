import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared independent MIDI validator (mido + fluidsynth), beside the project. */
export const MIDI_CHECK = fileURLToPath(new URL('../../../shared/tools/midi-check', import.meta.url));

export interface MidiCheckResult {
  status: number | null;
  report: {
    problems?: string[];
    tracks?: Array<{ name: string; notes: number; channels: number[] }>;
    [k: string]: unknown;
  };
  stderr: string;
}

/**
 * Whether midi-check can run. In CI it must: a missing tool or missing python3-mido fails there.
 */
export function midiCheckAvailable(): boolean {
  const ok =
    existsSync(MIDI_CHECK) && spawnSync('/usr/bin/python3', ['-c', 'import mido'], { encoding: 'utf8' }).status === 0;
  if (ok) return true;
  const hint = `${MIDI_CHECK} needs python3-mido (apt-get install python3-mido fluidsynth fluid-soundfont-gm sox).`;
  if (process.env.CI) throw new Error(`midi-check is required in CI. ${hint}`);
  console.warn(`Skipping midi-check. ${hint}`);
  return false;
}

export function midiCheck(file: string, render = false): MidiCheckResult {
  const run = spawnSync(MIDI_CHECK, render ? [file, '--render'] : [file], { encoding: 'utf8', timeout: 120_000 });
  let report: MidiCheckResult['report'] = {};
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = { problems: [`unparseable output: ${run.stdout.slice(0, 200)}`] };
  }
  return { status: run.status, report, stderr: run.stderr };
}
