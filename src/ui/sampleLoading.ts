import type { SoundSpec } from '../engine/catalogue';
import {
  libraryIds,
  loadedLibraries,
  loadLibraries,
  PIANO,
  type SampleLibraries,
  type UserSampleSource,
} from '../engine/samples';
import { t } from './i18n';

/** What loading samples needs from the page. */
export interface SampleLoadingHost {
  say: (text: string, isError?: boolean) => void;
  /** Reads a user's sample library from the browser's storage. */
  user: UserSampleSource;
  /** The progress bar to show while samples load. */
  progress?: HTMLProgressElement;
  /** Resolves when the next file may be fetched or decoded (loadLibraries' giveWay): not while the user waits for a piece. */
  giveWay?: () => Promise<unknown>;
  /** What the status line says now: a load's progress does not cover anything said after it began. */
  saying?: () => string | null;
}

const libraryName = (id: string) => (id === PIANO ? t('the grand piano') : `"${id.slice(5)}"`);

/**
 * Loads the samples a preset's Sampler parts play when the page first needs them — the grand
 * piano's files from the site, the user's from the browser's storage — with progress in the status
 * and a bar; they are not part of the page's scripts. {@link SampleLoading.ready} says whether a
 * sound can play now, and starts what it lacks.
 */
export class SampleLoading {
  private loading: Promise<SampleLibraries> | undefined;
  private waitingFor = '';

  constructor(private readonly host: SampleLoadingHost) {}

  /** The libraries loaded so far. */
  get libraries(): SampleLibraries {
    return loadedLibraries();
  }

  /** Whether every library `sound` plays is loaded; if not, loads them and then calls `then`. */
  ready(sound: SoundSpec, then: () => void): boolean {
    const missing = libraryIds(sound).filter((id) => !loadedLibraries().has(id));
    if (missing.length === 0) return true;
    const key = missing.join('|');
    if (this.waitingFor === key) return false;
    this.waitingFor = key;
    this.load(sound).then(
      () => {
        if (this.waitingFor === key) then();
      },
      () => {},
    );
    return false;
  }

  /**
   * Loads the libraries of `sound`, saying how far it has got — in the status line while nothing
   * else has been said there since (a broken share link, a corpus loading, a new piece's summary
   * stay; the bar goes on) — and rejects (after saying why) on failure.
   */
  load(sound: SoundSpec): Promise<SampleLibraries> {
    const ids = libraryIds(sound);
    const bar = this.host.progress;
    const started = performance.now();
    let said: string | undefined;
    const say = (text: string) => {
      if (said !== undefined && this.host.saying && this.host.saying() !== said) return;
      said = text;
      this.host.say(text);
    };
    this.loading = loadLibraries(ids, {
      user: this.host.user,
      giveWay: this.host.giveWay,
      progress: (id, done, total) => {
        if (bar) {
          bar.hidden = done === total;
          bar.max = total;
          bar.value = done;
        }
        say(
          t('Loading the samples of {name}… {percent} %', {
            name: libraryName(id),
            percent: Math.round((done / Math.max(1, total)) * 100),
          }),
        );
      },
    }).then(
      (libraries) => {
        this.waitingFor = '';
        if (bar) bar.hidden = true;
        if (ids.length > 0)
          say(
            t('The samples of {name} are loaded ({seconds} s).', {
              name: ids.map(libraryName).join(', '),
              seconds: ((performance.now() - started) / 1000).toFixed(1),
            }),
          );
        return libraries;
      },
      (e: unknown) => {
        this.waitingFor = '';
        if (bar) bar.hidden = true;
        this.host.say(
          t('Could not load the samples: {reason}', { reason: e instanceof Error ? e.message : String(e) }),
          true,
        );
        throw e;
      },
    );
    return this.loading;
  }
}
