import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Whether MuseScore 3 (`mscore3`) is here. In CI it must be (a missing one fails there). */
export function musescoreAvailable(): boolean {
  const ok = spawnSync('mscore3', ['--version'], { encoding: 'utf8', env: offscreen() }).status === 0;
  if (ok) return true;
  const hint = 'MuseScore 3 is needed (apt-get install musescore3).';
  if (process.env.CI) throw new Error(`Required in CI: ${hint}`);
  console.warn(`Skipping the MuseScore import tests. ${hint}`);
  return false;
}

function offscreen(): NodeJS.ProcessEnv {
  return { ...process.env, QT_QPA_PLATFORM: 'offscreen' };
}

/**
 * Converts MIDI files to MusicXML with MuseScore 3 headless, as a user's import would read them: the
 * files are split between `processes` mscore3 runs (each converting its share from a job file, so
 * MuseScore starts once per share), run side by side.
 */
export async function musescoreConvert(pairs: { in: string; out: string }[], jobDir: string, processes = 2) {
  const shares = Array.from({ length: processes }, (_, k) => pairs.filter((_, i) => i % processes === k));
  await Promise.all(
    shares
      .filter((s) => s.length > 0)
      .map(
        (share, k) =>
          new Promise<void>((resolve, reject) => {
            const job = `${jobDir}/job-${k}.json`;
            writeFileSync(job, JSON.stringify(share));
            const p = spawn('mscore3', ['-j', job], { env: offscreen(), stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            p.stderr.on('data', (d) => {
              err = (err + d).slice(-2000);
            });
            p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mscore3 -j ${job}: ${code} ${err}`))));
          }),
      ),
  );
}

/** One part of a MusicXML score as MuseScore wrote it. */
export interface ScorePart {
  name: string;
  /** General MIDI program, 1-based as MusicXML writes it (of the part's first instrument). */
  program: number | undefined;
  channel: number | undefined;
  /** Key signatures (fifths) of the part, in order. */
  fifths: number[];
  /** Time signatures of the part, as "6/8". */
  meters: string[];
  /** Sounded notes: rests and the continuations of tied notes left out. */
  notes: number;
}

/** The parts, tempo and notes of a MusicXML file (MuseScore's partwise output). */
export function readMusicXml(path: string): { tempo: number | undefined; parts: ScorePart[] } {
  const xml = readFileSync(path, 'utf8');
  const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]);
  const tempo = all(/<sound[^>]* tempo="([\d.]+)"/g, xml).map(Number)[0];
  const heads = new Map<string, string>();
  for (const m of xml.matchAll(/<score-part id="([^"]+)">([\s\S]*?)<\/score-part>/g)) heads.set(m[1], m[2]);
  const parts: ScorePart[] = [];
  for (const m of xml.matchAll(/<part id="([^"]+)">([\s\S]*?)<\/part>/g)) {
    const head = heads.get(m[1]) ?? '';
    const body = m[2];
    const notes = all(/<note\b[^>]*>([\s\S]*?)<\/note>/g, body).filter(
      (n) => !/<rest\b/.test(n) && !/<tie type="stop"/.test(n) && !/<grace\b/.test(n),
    );
    parts.push({
      name: all(/<part-name>([^<]*)<\/part-name>/g, head)[0] ?? '',
      program: all(/<midi-program>(\d+)<\/midi-program>/g, head).map(Number)[0],
      channel: all(/<midi-channel>(\d+)<\/midi-channel>/g, head).map(Number)[0],
      fifths: all(/<fifths>(-?\d+)<\/fifths>/g, body).map(Number),
      meters: [...body.matchAll(/<beats>(\d+)<\/beats>\s*<beat-type>(\d+)<\/beat-type>/g)].map(
        (x) => `${x[1]}/${x[2]}`,
      ),
      notes: notes.length,
    });
  }
  return { tempo, parts };
}
