import { maxOf } from '../core';
import type { CorpusReport, Tally } from '../corpus/report';
import { t } from './i18n';
import './reportCharts.css';

/** One bar of a chart: its label (text from files: always shown as text) and its value. */
export interface ChartBar {
  label: string;
  value: number;
}

/** A bar chart of the corpus report, with the sentence a screen reader reads for it. */
export interface ChartSpec {
  id: 'keys' | 'meters' | 'chords' | 'pitch-classes';
  title: string;
  bars: ChartBar[];
  /** The sum of the values (pieces for keys and meters, chords for the vocabulary). */
  total: number;
  /** How a value is written: a count, or a percentage. */
  unit: 'count' | 'percent';
  /** The accessible description: every bar with its number. */
  summary: string;
}

export const PITCH_NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

/** The `limit` largest tallies, the rest summed into "other" so the total stays the corpus's. */
export function topBars(tallies: readonly Tally[], limit: number): ChartBar[] {
  const bars = tallies.slice(0, limit).map((t) => ({ label: t.value, value: t.count }));
  const rest = tallies.slice(limit).reduce((s, t) => s + t.count, 0);
  return rest > 0 ? [...bars, { label: t('other'), value: rest }] : bars;
}

const format = (value: number, unit: ChartSpec['unit']) => (unit === 'percent' ? `${value} %` : String(value));

/** A chart; `summary` makes its sentence from the list of bars (one t() per sentence). */
function spec(
  id: ChartSpec['id'],
  title: string,
  bars: ChartBar[],
  unit: ChartSpec['unit'],
  summary: (list: string) => string,
): ChartSpec {
  const total = bars.reduce((s, b) => s + b.value, 0);
  const list = bars.map((b) => `${b.label} ${format(b.value, unit)}`).join(', ');
  return { id, title, bars, total, unit, summary: summary(list || t('none')) };
}

/** The four charts of a report: keys, meters, chord vocabulary (roman numerals), pitch classes. */
export function reportCharts(r: CorpusReport, limit = 10): ChartSpec[] {
  const count = r.pieces;
  const one = count === 1;
  const chords = r.chords.romans.reduce((s, x) => s + x.count, 0);
  const symbols = r.chords.symbols
    .slice(0, 3)
    .map((x) => x.value)
    .join(', ');
  return [
    spec('keys', t('Keys'), topBars(r.keys, limit), 'count', (list) =>
      one ? t('Keys of 1 piece: {list}', { list }) : t('Keys of {count} pieces: {list}', { count, list }),
    ),
    spec('meters', t('Meters'), topBars(r.meters, limit), 'count', (list) =>
      one ? t('Meters of 1 piece: {list}', { list }) : t('Meters of {count} pieces: {list}', { count, list }),
    ),
    spec('chords', t('Chords'), topBars(r.chords.romans, limit), 'count', (list) =>
      symbols
        ? t('Chords ({count} labelled, by roman numeral; commonest symbols {symbols}): {list}', {
            count: chords,
            symbols,
            list,
          })
        : t('Chords ({count} labelled, by roman numeral): {list}', { count: chords, list }),
    ),
    spec(
      'pitch-classes',
      t('Pitch classes'),
      r.pitchClassHistogram.map((v, i) => ({ label: PITCH_NAMES[i], value: Math.round(v * 100) })),
      'percent',
      (list) => t('Pitch classes: {list}', { list }),
    ),
  ];
}

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 18;
const LABEL_WIDTH = 96;
const BAR_WIDTH = 180;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 48;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text; // text from files stays text
  return node;
}

/** One chart as an inline SVG of horizontal bars, named for assistive technology by its summary. */
export function chartElement(chart: ChartSpec): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset.chart = chart.id;
  const caption = document.createElement('figcaption');
  caption.textContent = chart.title;
  const height = Math.max(1, chart.bars.length) * ROW;
  const image = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img' });
  image.setAttribute('aria-label', chart.summary);
  const peak = Math.max(1e-9, maxOf(chart.bars.map((b) => b.value)));
  chart.bars.forEach((b, i) => {
    const y = i * ROW;
    const label = b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label;
    const row = svg('g', { class: 'chart-row' });
    row.append(
      svg('title', {}, `${b.label}: ${format(b.value, chart.unit)}`),
      svg('text', { x: LABEL_WIDTH - 6, y: y + ROW - 5, 'text-anchor': 'end', class: 'chart-label' }, label),
      svg('rect', { x: LABEL_WIDTH, y: y + 3, height: ROW - 6, width: Math.round((b.value / peak) * BAR_WIDTH) }),
      svg(
        'text',
        { x: LABEL_WIDTH + Math.round((b.value / peak) * BAR_WIDTH) + 4, y: y + ROW - 5, class: 'chart-value' },
        format(b.value, chart.unit),
      ),
    );
    image.append(row);
  });
  figure.append(caption, image);
  return figure;
}

/** Replaces `root`'s content with the report's charts. */
export function showCharts(root: HTMLElement, r: CorpusReport): void {
  root.replaceChildren(...reportCharts(r).map(chartElement));
}
