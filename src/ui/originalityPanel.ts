import './originalityPanel.css';
import type { OriginalityReport } from '../model/originality';

/** The originality of a generated piece, per part (as `Generated['originality']`). */
export interface PieceOriginality {
  melody: OriginalityReport;
  chords: OriginalityReport;
}

/** Training piece id → its title (from the model's provenance). */
export type TitleOf = (pieceId: string) => string;

const PARTS = [
  { key: 'melody', heading: 'Melody', unit: ['note', 'notes'] },
  { key: 'chords', heading: 'Harmony', unit: ['chord', 'chords'] },
] as const;

/** "1 note", "5 notes". */
function count(n: number, unit: readonly [string, string]): string {
  return `${n} ${n === 1 ? unit[0] : unit[1]}`;
}

/** "37 %". */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/**
 * The longest copied run in words, e.g. `Longest copy 5 notes (limit 6) from “Soldier's Joy”`.
 * The title is plain text, whatever it holds.
 */
export function describeCopy(report: OriginalityReport, titleOf: TitleOf, unit: readonly [string, string]): string {
  const { length, pieceId } = report.longestCopy;
  const limit = `(limit ${report.maxRun})`;
  if (length === 0 || pieceId === null) return `No ${unit[0]} pattern copied from a training piece ${limit}`;
  return `Longest copy ${count(length, unit)} ${limit} from “${titleOf(pieceId)}”`;
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

function noveltyTable(report: OriginalityReport, unit: readonly [string, string]): HTMLTableElement {
  const table = el('table', undefined, 'novelty');
  table.createCaption().textContent = `Novel n-grams (runs of n ${unit[1]} found in no training piece)`;
  const head = table.createTHead().insertRow();
  for (const text of ['n', 'Novel']) {
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
    td.append(bar, el('span', `${percent(row.share)} (${row.novel} of ${row.total})`));
    tr.prepend(th);
  }
  return table;
}

function closestList(report: OriginalityReport, titleOf: TitleOf): HTMLElement[] {
  const heading = el('h4', 'Closest training pieces');
  if (report.closest.length === 0) return [heading, el('p', 'None shares a run of 4 with this piece.', 'hint')];
  const list = el('ol', undefined, 'closest');
  for (const c of report.closest) {
    const item = el('li');
    item.append(el('cite', titleOf(c.pieceId)), ` shares ${percent(c.share)} of the 4-grams (${c.shared})`);
    list.append(item);
  }
  return [heading, list];
}

/**
 * The originality panel: for the melody and the harmony, the longest run copied verbatim from a
 * training piece and that piece against the guard's limit L, the share of novel n-grams (n = 3 …
 * L + 1) as bars with their figures, and the three closest training pieces. All text, built with
 * textContent: training piece titles may come from anyone's files.
 */
export class OriginalityPanel {
  constructor(private readonly container: HTMLElement) {}

  show(originality: PieceOriginality, titleOf: TitleOf): void {
    this.container.replaceChildren(
      ...PARTS.map(({ key, heading, unit }) => {
        const report = originality[key];
        const part = el('section', undefined, 'originality-part');
        part.dataset.part = key;
        part.setAttribute('aria-label', `${heading} originality`);
        part.append(el('h3', heading), el('p', `${describeCopy(report, titleOf, unit)}.`, 'longest-copy'));
        if (report.relaxed > 0)
          part.append(
            el('p', `The guard was relaxed ${count(report.relaxed, ['time', 'times'])} to meet the constraints.`),
          );
        part.append(noveltyTable(report, unit), ...closestList(report, titleOf));
        return part;
      }),
    );
  }
}
