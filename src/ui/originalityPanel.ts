import './originalityPanel.css';
import type { OriginalityReport } from '../model/originality';
import { N_, t } from './i18n';

/** The originality of a generated piece, per part (as `Generated['originality']`). */
export interface PieceOriginality {
  melody: OriginalityReport;
  chords: OriginalityReport;
  /** Copies in another key: the melody's intervals and lengths (models trained with this guard). */
  transposed?: OriginalityReport;
}

/** Training piece id → its title (from the model's provenance). */
export type TitleOf = (pieceId: string) => string;

/**
 * A part of the piece: the melody counts notes, the harmony chords; `transposed` counts the
 * melody's notes again, copied at any pitch (same intervals and lengths).
 */
export type OriginalityPart = 'melody' | 'chords' | 'transposed';

const PARTS = [
  { key: 'melody', heading: N_('Melody'), name: N_('Melody originality') },
  { key: 'transposed', heading: N_('Melody in any key'), name: N_('Transposed originality') },
  { key: 'chords', heading: N_('Harmony'), name: N_('Harmony originality') },
] as const;

/** "37 %". */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/**
 * The longest copied run in words, e.g. `Longest copy 5 notes (limit 6) from “Soldier's Joy”.`
 * The title is plain text, whatever it holds.
 */
export function describeCopy(report: OriginalityReport, titleOf: TitleOf, part: OriginalityPart): string {
  const { length: count, pieceId } = report.longestCopy;
  const limit = report.maxRun;
  if (part === 'transposed') return describeTransposed(count, limit, pieceId === null ? null : titleOf(pieceId));
  const melody = part === 'melody';
  if (count === 0 || pieceId === null)
    return melody
      ? t('No note pattern copied from a training piece (limit {limit}).', { limit })
      : t('No chord pattern copied from a training piece (limit {limit}).', { limit });
  const title = titleOf(pieceId);
  if (count === 1)
    return melody
      ? t('Longest copy 1 note (limit {limit}) from “{title}”.', { limit, title })
      : t('Longest copy 1 chord (limit {limit}) from “{title}”.', { limit, title });
  return melody
    ? t('Longest copy {count} notes (limit {limit}) from “{title}”.', { count, limit, title })
    : t('Longest copy {count} chords (limit {limit}) from “{title}”.', { count, limit, title });
}

function describeTransposed(count: number, limit: number, title: string | null): string {
  if (count === 0 || title === null)
    return t('No melody copied in another key from a training piece (limit {limit}).', { limit });
  return t('Longest copy in any key {count} notes (limit {limit}) from “{title}”.', { count, limit, title });
}

/** The novelty rows shown: n from 3 up to L + 1 (past that the guard forbids copies anyway). */
export function shownNovelty(report: OriginalityReport): OriginalityReport['novelty'] {
  return report.novelty.filter((row) => row.n <= report.maxRun + 1);
}

/** A tag with text (never markup). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function noveltyTable(report: OriginalityReport, part: OriginalityPart): HTMLTableElement {
  const table = el('table', undefined, 'novelty');
  table.createCaption().textContent =
    part === 'melody'
      ? t('Novel n-grams (runs of n notes found in no training piece)')
      : part === 'transposed'
        ? t('Novel n-grams in any key (runs of n notes whose intervals and lengths no training piece has)')
        : t('Novel n-grams (runs of n chords found in no training piece)');
  const head = table.createTHead().insertRow();
  for (const text of ['n', t('Novel')]) {
    const th = el('th', text);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of shownNovelty(report)) {
    const tr = body.insertRow();
    const th = el('th', String(row.n));
    th.scope = 'row';
    const td = tr.insertCell();
    const bar = el('span', undefined, 'share-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.setProperty('--share', String(row.share));
    td.append(
      bar,
      el(
        'span',
        t('{percent} ({novel} of {total})', { percent: percent(row.share), novel: row.novel, total: row.total }),
      ),
    );
    tr.prepend(th);
  }
  return table;
}

function closestList(report: OriginalityReport, titleOf: TitleOf): HTMLElement[] {
  const heading = el('h4', t('Closest training pieces'));
  if (report.closest.length === 0) return [heading, el('p', t('None shares a run of 4 with this piece.'), 'hint')];
  const list = el('ol', undefined, 'closest');
  for (const c of report.closest) {
    const item = el('li');
    // The title is a node of its own (data); the rest is one sentence after it.
    const shares = t('shares {percent} of the 4-grams ({shared})', { percent: percent(c.share), shared: c.shared });
    item.append(el('cite', titleOf(c.pieceId)), ` ${shares}`);
    list.append(item);
  }
  return [heading, list];
}

/**
 * The originality panel: for the melody, the melody in any key (a transposed copy: the same
 * intervals and lengths) and the harmony, the longest run copied verbatim from a training piece and that piece against the guard's limit L, the share of novel n-grams (n = 3 …
 * L + 1) as bars with their figures, and the three closest training pieces. All text, built with
 * textContent: training piece titles may come from anyone's files.
 */
export class OriginalityPanel {
  constructor(private readonly container: HTMLElement) {}

  show(originality: PieceOriginality, titleOf: TitleOf): void {
    this.container.replaceChildren(
      ...PARTS.flatMap(({ key, heading, name }) => {
        const report = originality[key];
        if (!report) return [];
        const part = el('section', undefined, 'originality-part');
        part.dataset.part = key;
        part.setAttribute('aria-label', t(name));
        part.append(el('h3', t(heading)), el('p', describeCopy(report, titleOf, key), 'longest-copy'));
        if (report.relaxed > 0)
          part.append(
            el(
              'p',
              report.relaxed === 1
                ? t('The guard was relaxed 1 time to meet the constraints.')
                : t('The guard was relaxed {count} times to meet the constraints.', { count: report.relaxed }),
            ),
          );
        part.append(noveltyTable(report, key), ...closestList(report, titleOf));
        return part;
      }),
    );
  }
}
