import type { ImportLine } from '../corpus/importFile';
import { type CorpusReport, reportCorpus } from '../corpus/report';
import type { CorpusPiece } from '../corpus/types';
import { droppedFiles, IMPORTABLE } from './droppedFiles';
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
        progress.textContent = `${index + 1} of ${files.length}`;
        pieces.push(...result.pieces);
        for (const line of result.lines) {
          list.append(lineItem(line));
          if (line.ok) okCount++;
          else errors++;
        }
      },
    });
    cancel.hidden = true;
    progress.hidden = true;
    root.querySelector('#import-summary')!.textContent =
      `${okCount} piece${okCount === 1 ? '' : 's'} imported${errors ? `, ${errors} file${errors === 1 ? '' : 's'} refused` : ''}.`;
    if (pieces.length) {
      const summary = reportCorpus(pieces);
      showReport(report, summary);
      if (charts) showCharts(charts, summary);
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

function lineItem(line: ImportLine): HTMLLIElement {
  const item = el('li', undefined, line.ok ? 'ok' : 'error');
  item.append(el('span', line.ok ? '✓ ' : '✗ ', 'mark'), el('span', line.file, 'file'));
  if (line.ok) {
    const notes = (line.tracks ?? []).reduce((s, t) => s + t.notes, 0);
    const roles = (line.tracks ?? []).map((t) => t.role).join(', ');
    item.append(
      el(
        'span',
        ` — ${line.key}, ${line.meter}, ${line.tempo} bpm, ${notes} notes (${roles}), ${line.chords?.length ?? 0} chords`,
      ),
    );
  } else item.append(el('span', ` — ${line.error?.message ?? 'failed'}`));
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
    ['Pieces', String(r.pieces)],
    ['Notes', String(r.notes)],
    ['Duration', `${minutes} min ${Math.round(r.seconds - minutes * 60)} s`],
    ['Keys', top(r.keys, 6)],
    ['Meters', top(r.meters, 4)],
    ['Tempos', `${r.tempos.min}–${r.tempos.max} bpm (median ${r.tempos.median})`],
    ['Chords', top(r.chords.romans, 10) || 'none'],
    ['Licences', top(r.licences, 4)],
  ]) {
    facts.append(el('dt', term), el('dd', value));
  }
  const warnings = el('ul', undefined, 'warnings');
  for (const w of r.warnings) warnings.append(el('li', w));
  root.append(el('h3', 'What the model would learn from'), facts);
  if (r.warnings.length) root.append(el('h4', 'Warnings'), warnings);
}
