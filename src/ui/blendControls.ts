import { type Blend, builtinCorpusNames, type Generated } from '../presets';
import { t } from './i18n';

/** The Blend fields of the generation panel and the line under the roll that says what each phrase leans on. */
export interface BlendElements {
  corpus: HTMLSelectElement;
  weight: HTMLInputElement;
  weightValue: HTMLOutputElement;
  leans: HTMLElement;
}

/**
 * **Blend**: a second built-in corpus mixed into the preset's model with **Blend weight** 0–1 (0:
 * the preset's corpus alone, 1: the other alone). Part of the recipe: share links, saved settings,
 * provenance. Under the roll, each phrase says which corpus it leans on.
 */
export class BlendControls {
  constructor(
    private readonly e: BlendElements,
    onChange: () => void,
  ) {
    e.corpus.replaceChildren(new Option(t('None'), ''));
    for (const n of builtinCorpusNames()) e.corpus.add(new Option(n, n));
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

  /** The blend the fields say, or undefined for none. */
  read(): Blend | undefined {
    const corpus = this.e.corpus.value;
    return corpus ? { corpus, weight: Math.round(Number(this.e.weight.value) * 100) / 100 } : undefined;
  }

  /** Shows a recipe's blend (none: "None"). */
  fill(blend: Blend | undefined): void {
    this.e.corpus.value = blend?.corpus ?? '';
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
