import { pushAll } from '../core';
import type { ImportLine } from '../corpus/importFile';
import { type CorpusReport, reportCorpus } from '../corpus/report';
import type { CorpusPiece } from '../corpus/types';
import { droppedFiles, IMPORTABLE } from './droppedFiles';
import { t } from './i18n';
import { trackName } from './i18n/terms';
import { importFiles } from './importQueue';
import { showCharts } from './reportCharts';

/** Longest a single file may take to import in the browser. */
export const IMPORT_DEADLINE_MS = 10_000;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text; // always text: names from files may hold HTML
  if (className) node.className = className;
  return node;
}

/**
 * The corpus panel: pick or drop MIDI / corpus / JSB files (or folders), import them in a worker
 * with per-file progress and errors, then show the corpus report.
 */
export function startCorpusPanel(root: HTMLElement, onPieces: (pieces: CorpusPiece[]) => void = () => {}): void {
  const input = root.querySelector<HTMLInputElement>('#import-files');
  const folder = root.querySelector<HTMLInputElement>('#import-folder');
  const progress = root.querySelector<HTMLProgressElement>('#import-progress');
  const cancel = root.querySelector<HTMLButtonElement>('#import-cancel');
  const list = root.querySelector<HTMLOListElement>('#import-results');
  const report = root.querySelector<HTMLElement>('#corpus-report');
  const charts = root.querySelector<HTMLElement>('#corpus-charts');
  if (!input || !folder || !progress || !cancel || !list || !report) throw new Error('the corpus panel is incomplete');
  let controller: AbortController | undefined;

  const run = async (files: File[]) => {
    controller?.abort();
    controller = new AbortController();
    const pieces: CorpusPiece[] = [];
    list.replaceChildren();
    report.replaceChildren();
    charts?.replaceChildren();
    progress.max = Math.max(1, files.length);
    progress.value = 0;
    progress.hidden = false;
    cancel.hidden = false;
    let okCount = 0;
    let errors = 0;
    await importFiles(files, {
      deadlineMs: IMPORT_DEADLINE_MS,
      signal: controller.signal,
      onFile: (result, index) => {
        progress.value = index + 1;
        progress.textContent = t('{done} of {total}', { done: index + 1, total: files.length });
        pushAll(pieces, result.pieces);
        for (const line of result.lines) {
          list.append(lineItem(line));
          if (line.ok) okCount++;
          else errors++;
        }
      },
    });
    cancel.hidden = true;
    progress.hidden = true;
    root.querySelector('#import-summary')!.textContent = importSummary(okCount, errors);
    // The pieces go on to training even if the report fails: one bad file must not strand the rest.
    try {
      if (pieces.length) {
        const summary = reportCorpus(pieces);
        showReport(report, summary);
        if (charts) showCharts(charts, summary);
      }
    } catch (e) {
      report.replaceChildren(
        el(
          'p',
          t('The corpus report failed ({reason}).', { reason: e instanceof Error ? e.message : String(e) }),
          'error',
        ),
      );
    }
    onPieces(pieces);
  };

  input.addEventListener('change', () => input.files && void run([...input.files]));
  folder.addEventListener(
    'change',
    () => folder.files && void run([...folder.files].filter((f) => IMPORTABLE.test(f.name))),
  );
  cancel.addEventListener('click', () => controller?.abort());
  root.addEventListener('dragover', (e) => {
    e.preventDefault();
    root.classList.add('dropping');
  });
  root.addEventListener('dragleave', () => root.classList.remove('dropping'));
  root.addEventListener('drop', (e) => {
    e.preventDefault();
    root.classList.remove('dropping');
    if (e.dataTransfer) void droppedFiles(e.dataTransfer).then(run);
  });
}

/** "12 pieces imported, 3 files refused." */
function importSummary(okCount: number, errors: number): string {
  const imported = okCount === 1 ? t('1 piece imported') : t('{count} pieces imported', { count: okCount });
  if (!errors) return t('{imported}.', { imported });
  const refused = errors === 1 ? t('1 file refused') : t('{count} files refused', { count: errors });
  return t('{imported}, {refused}.', { imported, refused });
}

function lineItem(line: ImportLine): HTMLLIElement {
  const item = el('li', undefined, line.ok ? 'ok' : 'error');
  item.append(el('span', line.ok ? '✓ ' : '✗ ', 'mark'), el('span', line.file, 'file'));
  if (line.ok) {
    const notes = (line.tracks ?? []).reduce((s, t) => s + t.notes, 0);
    const roles = (line.tracks ?? []).map((track) => trackName(track.role)).join(', ');
    const facts = { key: line.key ?? '', meter: line.meter ?? '', tempo: line.tempo ?? '', notes, roles };
    item.append(
      el(
        'span',
        ` ${t('— {key}, {meter}, {tempo} bpm, {notes} notes ({roles}), {chords} chords', { ...facts, chords: line.chords?.length ?? 0 })}`,
      ),
    );
  } else item.append(el('span', ` ${t('— {reason}', { reason: line.error?.message ?? t('failed') })}`));
  return item;
}

function showReport(root: HTMLElement, r: CorpusReport): void {
  const minutes = Math.floor(r.seconds / 60);
  const top = (t: { value: string; count: number }[], n: number) =>
    t
      .slice(0, n)
      .map((x) => `${x.value} (${x.count})`)
      .join(', ');
  const facts = el('dl', undefined, 'facts');
  for (const [term, value] of [
    [t('Pieces'), String(r.pieces)],
    [t('Notes'), String(r.notes)],
    [t('Duration'), t('{minutes} min {seconds} s', { minutes, seconds: Math.round(r.seconds - minutes * 60) })],
    [t('Keys'), top(r.keys, 6)],
    [t('Meters'), top(r.meters, 4)],
    [t('Tempos'), t('{min}–{max} bpm (median {median})', r.tempos)],
    [t('Chords'), top(r.chords.romans, 10) || t('none')],
    [t('Licences'), top(r.licences, 4)],
  ]) {
    facts.append(el('dt', term), el('dd', value));
  }
  const warnings = el('ul', undefined, 'warnings');
  for (const w of r.warnings) warnings.append(el('li', w));
  root.append(el('h3', t('What the model would learn from')), facts);
  if (r.warnings.length) root.append(el('h4', t('Warnings')), warnings);
}
