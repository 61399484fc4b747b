import { MAX_RUN, MODEL_ORDER } from '../model';
import { APP, builtinPresets, loadBuiltinCorpora } from '../presets';
import { guarded, parseOptions, UsageError } from './args';
import { evalCommand } from './eval';
import { generateCommand } from './generate';
import { continueCommand, harmonizeCommand } from './harmonize';
import { importCommand } from './import';
import type { Io } from './io';
import { statsCommand } from './stats';
import { trainCommand } from './train';

export type { Io } from './io';

const HELP = `${APP.name} ${APP.version} — procedural music from Markov models of harmony and melody

Usage: muse <command> [options]

Commands:
  presets [--json]        List the built-in presets, one per line, name first
                          (--json: an array of {name, description}).
  generate --preset NAME --seed N [--bars N] [--tempo BPM] --out FILE.mid [--json]
           [--key K] [--mode M] [--meter B/U] [--form F] [--temperature T] [--max-run L]
           [--range FROM-TO] [--quantize] [--per-track] [--blend CORPUS:WEIGHT]
                          Compose the piece of that recipe and write it as a multi-track MIDI
                          file: the same piece the app makes for those settings, byte for byte.
                          --bars 4–512 (default: the preset's), --tempo 30–300 bpm (default: the
                          preset's), --seed 0–4294967295. --json prints the recipe and a summary.
                          Overrides of the preset: --key C|F#|Bb…, --mode major|minor|dorian|…,
                          --meter 3/4|6/8|…, --form "intro A A B A outro", --temperature 0.1–3
                          (novelty), --max-run ${MAX_RUN.min}–${MAX_RUN.max} (originality limit, in melody notes).
                          --range 5-8 writes bars 5 to 8 only; --quantize leaves swing and timing
                          humanization out; --per-track writes FILE-melody.mid, FILE-chords.mid,
                          ...; an --out ending in .json writes the piece and its recipe as JSON.
                          --blend folk-jigs:0.3 blends a second built-in corpus into the model
                          with weight 0–1 (--json then says which corpus each phrase leans on).
  import PATH... [--json]  Import MIDI files (.mid), corpus files and JSB step sequences (.json),
                          folders recursively: a line per piece (key, meter, tempo, tracks with
                          their roles, chords), then the corpus report. --json: one JSON object
                          per piece {file, ok, error?, key, meter, tempo, tracks, chords} with chord
                          start/end in seconds, then one line {"report": ...}. Exit status 1 when
                          some file was refused.
  train PATH... --out MODEL.json [--order N] [--max-run L] [--holdout K] [--workers N] [--json]
                          Train the chord and melody models (order ${MODEL_ORDER.min}–${MODEL_ORDER.max}, default 4) on MIDI,
                          corpus and JSB files and folders, and write the model file with its
                          provenance. --max-run: the originality limit L (default 6 notes).
                          --holdout K leaves out every K-th file (sorted by path) for eval.
                          --workers N imports and counts the files in N threads (1–64, default:
                          one per core, at most one per 4 MiB of files); the model is the same
                          for any N.
  eval --model MODEL.json PATH... [--holdout K] [--json]
                          Cross-entropy of the model on pieces it did not train on: pieces,
                          notes, bitsPerPitch, bitsPerDuration and per-order figures (orders).
                          --holdout K evaluates on exactly the files train --holdout K left out.
  harmonize MELODY.mid [--preset P | --model M] [--seed N] --out F.mid [--json]
                          Harmonize a melody: the most probable chords for it under the model
                          (Viterbi over the chord chain with the melody as evidence), then bass,
                          chords and drums arranged as usual, in the melody's key, meter and
                          tempo. The melody is the file's melody track (else its first track).
  continue PHRASE.mid --bars N [--preset P | --model M] [--seed N] --out F.mid [--json]
                          Call and response: the phrase in the file (harmonized), then the
                          model's answer of N bars (1–64) in the same key and meter, starting on
                          the beat after a beat of silence, continuing from the phrase.
  stats (--generated PATH | --preset NAME --seeds FROM-TO [--model MODEL.json] [--bars N])
        [--reference PATH | --corpus NAME] [--json]
                          Compare a generated set with a reference set on the MGEval features —
                          pitch count, pitch range, average interval, inter-onset interval,
                          pitch-class and note-length histograms — with intra- and inter-set
                          distances, overlapped area (OA) and KL divergence (Yang & Lerch 2018);
                          the reference split in halves gives the real-against-real OA. Then the
                          craft measures of both sets: parallel fifths and octaves, voices,
                          crossings, soprano doublings, inversions, strong-beat clashes, leap
                          recovery, range, phrase continuity, off-beat chord changes, longest
                          chord, notes per bar, rhythm values, swing (see README).
                          Generated: files and folders (MIDI, corpus or JSB JSON, piece JSON of
                          generate --out f.json), or the pieces of a preset for seeds 1-20 (or one
                          seed), composed with its corpus or --model. Reference: files and
                          folders, a built-in corpus (--corpus waltzes), by default the preset's
                          own corpus. --json: {reference, generated, features, baseline, craft}.
  help [command]          Show this help.

Options:
  -h, --help              Show this help.
  -v, --version           Print the version.

Exit status: 0 on success, 2 for a wrong command or argument, 1 when a file cannot be written\nor read.
`;

/** Runs the `muse` command line; resolves to the exit status. */
export function run(argv: string[], io: Io): Promise<number> {
  return guarded(io, async () => {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${APP.version}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(HELP);
      return 0;
    }
    // Commands that read only the user's files need no built-in corpus (train keeps its memory for the counts).
    if (command === 'import') return importCommand(rest, io);
    if (command === 'train') return await trainCommand(rest, io);
    if (command === 'eval') return evalCommand(rest, io);
    // generate composes synchronously from the built-in corpora: load them all first.
    await loadBuiltinCorpora();
    if (command === 'presets') return presets(rest, io);
    if (command === 'generate') return generateCommand(rest, io);
    if (command === 'stats') return statsCommand(rest, io);
    if (command === 'harmonize') return harmonizeCommand(rest, io);
    if (command === 'continue') return continueCommand(rest, io);
    throw new UsageError(`unknown command "${command}" (try: muse --help)`);
  });
}

function presets(args: string[], io: Io): number {
  const { values } = parseOptions(args, { json: { type: 'boolean' } });
  const list = builtinPresets().map((p) => ({ name: p.name, description: p.description }));
  io.out(
    values.json ? `${JSON.stringify(list, null, 2)}\n` : list.map((p) => `${p.name}\t${p.description}\n`).join(''),
  );
  return 0;
}
