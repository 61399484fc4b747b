import { type Blend, builtinCorpusNames, type Generated } from '../presets';
import { t } from './i18n';

/** The Blend fields of the generation panel and the line under the roll that says what each phrase leans on. */
export interface BlendElements {
  corpus: HTMLSelectElement;
  weight: HTMLInputElement;
  weightValue: HTMLOutputElement;
  leans: HTMLElement;
}

/** A trained model a blend can name: its name and content hash. */
export interface BlendableModel {
  name: string;
  hash: string;
}

/** The select's value for a trained model ("model:fnv1a64:…"); a built-in corpus is its name. */
const MODEL_VALUE = 'model:';

/**
 * **Blend**: a second side mixed into the model — a built-in corpus or one of the user's trained
 * models (the Model store) — with **Blend weight** 0–1 (0: the first side alone, 1: the second
 * alone). Part of the recipe: share links, saved settings, provenance. A recipe that names a model
 * this browser does not have (a share link from someone else) keeps it listed as "not in this
 * browser", so nothing of the link is lost until the model is opened. Under the roll, each phrase
 * says which side it leans on.
 */
export class BlendControls {
  private readonly builtIn: HTMLOptGroupElement;
  private readonly mine: HTMLOptGroupElement;
  /** Names of the models the options stand for, by content hash (missing ones included). */
  private readonly names = new Map<string, string>();
  private models: readonly BlendableModel[] = [];

  constructor(
    private readonly e: BlendElements,
    onChange: () => void,
  ) {
    this.builtIn = document.createElement('optgroup');
    this.builtIn.label = t('Built-in corpora');
    for (const n of builtinCorpusNames()) this.builtIn.append(new Option(n, n));
    this.mine = document.createElement('optgroup');
    this.mine.label = t('Your models');
    e.corpus.replaceChildren(new Option(t('None'), ''), this.builtIn);
    const show = () => {
      e.weightValue.value = Number(e.weight.value).toFixed(2);
      e.weight.disabled = e.corpus.value === '';
    };
    e.corpus.addEventListener('change', () => {
      show();
      onChange();
    });
    e.weight.addEventListener('input', show);
    e.weight.addEventListener('change', onChange);
    show();
  }

  /** Lists the user's trained models (after a training, an opened file, a deletion); the choice stays. */
  showModels(models: readonly BlendableModel[]): void {
    this.models = models;
    const chosen = this.e.corpus.value;
    const missing = chosen.startsWith(MODEL_VALUE) && !models.some((m) => MODEL_VALUE + m.hash === chosen);
    this.mine.replaceChildren();
    for (const m of models) this.mine.append(new Option(m.name, MODEL_VALUE + m.hash));
    for (const m of models) this.names.set(m.hash, m.name);
    if (missing) this.addMissing(chosen.slice(MODEL_VALUE.length));
    if (this.mine.children.length > 0) this.e.corpus.append(this.mine);
    else this.mine.remove();
    this.e.corpus.value = chosen;
  }

  /** An option for a model a recipe names that is not in this browser: kept, said to be missing. */
  private addMissing(hash: string): void {
    const name = this.names.get(hash) ?? hash;
    this.mine.append(new Option(t('{name} — not in this browser', { name }), MODEL_VALUE + hash));
    this.e.corpus.append(this.mine);
  }

  /** The blend the fields say, or undefined for none. */
  read(): Blend | undefined {
    const value = this.e.corpus.value;
    if (!value) return undefined;
    const weight = Math.round(Number(this.e.weight.value) * 100) / 100;
    if (!value.startsWith(MODEL_VALUE)) return { corpus: value, weight };
    const hash = value.slice(MODEL_VALUE.length);
    return { corpus: this.names.get(hash) ?? hash, weight, model: hash };
  }

  /** Shows a recipe's blend (none: "None"); a model not in this browser is listed as missing. */
  fill(blend: Blend | undefined): void {
    if (blend?.model) {
      if (!this.names.has(blend.model) || !this.models.some((m) => m.hash === blend.model))
        this.names.set(blend.model, blend.corpus);
      const value = MODEL_VALUE + blend.model;
      if (![...this.e.corpus.options].some((o) => o.value === value)) this.addMissing(blend.model);
      this.e.corpus.value = value;
    } else this.e.corpus.value = blend?.corpus ?? '';
    if (blend) this.e.weight.value = String(blend.weight);
    this.e.weight.dispatchEvent(new Event('input'));
    this.e.weight.disabled = !blend;
  }

  /** Which corpus each phrase of the piece on screen leans on ("Bars 1–4: songbook 97 %"). */
  showLeans(g: Generated): void {
    const leans = g.leans ?? [];
    this.e.leans.hidden = leans.length === 0;
    this.e.leans.textContent = leans.length
      ? t('Blend — each phrase leans on: {list}', {
          list: leans
            .map((l) => t('bars {first}–{last} {corpus} {percent} %', { ...l, percent: Math.round(l.share * 100) }))
            .join('; '),
        })
      : '';
  }
}
