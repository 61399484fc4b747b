import { isBuiltinCorpus, isBuiltinCorpusLoaded, loadBuiltinCorpus } from '../presets';
import { t } from './i18n';

/** What loading a corpus needs from the page. */
export interface CorpusLoadingHost {
  say: (text: string, isError?: boolean) => void;
  /** Composes again from the fields, once the corpus is there. */
  retry: () => void;
}

/**
 * Loads the built-in corpora as the page needs them: each is a chunk of its own, fetched when a
 * preset that trains on it is first composed (the page starts with the first piece's corpus only).
 * `generate` stays synchronous: the page asks {@link CorpusLoading.ready} before composing; when the
 * corpus is missing, the piece on screen stays, the status says what is loading, and the page
 * composes again when it has arrived. A failed load is said in the status (the next compose tries
 * again).
 */
export class CorpusLoading {
  /** The corpus being loaded for the fields on screen, if any (one object per load asked for). */
  private waiting: { name: string } | undefined;
  /** Done when the last load asked for has arrived (and the page composed) or failed. */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly host: CorpusLoadingHost) {}

  /** The corpus the page is waiting for, if any. */
  get pending(): string | undefined {
    return this.waiting?.name;
  }

  /** Resolves once the corpus being loaded now, if any, has arrived and its piece is shown (or failed). */
  settled(): Promise<void> {
    return this.last;
  }

  /**
   * Whether the corpus `name` is at hand to compose with now. When it is not, starts loading it
   * (once) and calls `retry` when it has loaded. Names that are not built in are `generate`'s to
   * report.
   */
  ready(name: string): boolean {
    if (!isBuiltinCorpus(name) || isBuiltinCorpusLoaded(name)) {
      this.waiting = undefined;
      return true;
    }
    this.host.say(t('Loading the {name} corpus…', { name }));
    if (this.waiting?.name === name) return false;
    const ticket = { name };
    this.waiting = ticket;
    this.last = loadBuiltinCorpus(name).then((loaded) => {
      if (this.waiting !== ticket) return; // the fields moved on to another preset meanwhile
      this.waiting = undefined;
      if (loaded.ok) this.host.retry();
      else
        this.host.say(
          t('The {name} corpus could not be loaded ({reason}).', { name, reason: loaded.error.reason }),
          true,
        );
    });
    return false;
  }
}
