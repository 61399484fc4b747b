import type { Cadence } from '../model';

/** One phrase of the form. */
export interface PhrasePlan {
  bars: number;
  cadence: Cadence;
}

/** A section of the form: an intro, an outro, or a lettered section (A, B, …) of phrases. */
export interface SectionPlan {
  label: string;
  phrases: PhrasePlan[];
}

/** The words of a form: "intro A A B A outro", or letters only ("AABA"). */
export function parseForm(form: string): string[] {
  const words = form
    .trim()
    .split(/[\s,;-]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const lower = w.toLowerCase();
    if (lower === 'intro' || lower === 'outro') out.push(lower);
    else for (const c of w.toUpperCase().replace(/[^A-Z]/g, '')) out.push(c);
  }
  return out.some((w) => w !== 'intro' && w !== 'outro') ? out : [...out, 'A'];
}

/**
 * Lays the form over `bars`: an intro and an outro of one phrase each (when the piece is long
 * enough to afford them), and lettered sections of `sectionBars` in phrases of `phraseBars`,
 * repeated from the start of the form to fill the bars or cut short at the end. Every section
 * ends on a cadence: authentic, but a half cadence for a section other than the first letter that
 * leads on into another section; the last phrase of the piece is authentic.
 */
export function planForm(form: string, bars: number, phraseBars: number, sectionBars: number): SectionPlan[] {
  const words = parseForm(form);
  const letters = words.filter((w) => w !== 'intro' && w !== 'outro');
  const edges = (words.includes('intro') ? 1 : 0) + (words.includes('outro') ? 1 : 0);
  const withEdges = bars >= phraseBars * (edges + 2);
  const intro = withEdges && words.includes('intro') ? Math.min(phraseBars, bars) : 0;
  const outro = withEdges && words.includes('outro') ? phraseBars : 0;
  const plans: SectionPlan[] = [];
  if (intro) plans.push({ label: 'intro', phrases: [{ bars: intro, cadence: 'half' }] });
  let left = bars - intro - outro;
  for (let i = 0; left > 0; i++) {
    const label = letters[i % letters.length];
    const size = Math.min(sectionBars, left);
    const phrases: PhrasePlan[] = [];
    for (let b = 0; b < size; b += phraseBars) {
      phrases.push({ bars: Math.min(phraseBars, size - b), cadence: phrases.length % 2 === 0 ? 'half' : 'authentic' });
    }
    left -= size;
    const last = left === 0 && !outro;
    const leadsOn = label !== letters[0] && !last;
    phrases[phrases.length - 1].cadence = leadsOn ? 'half' : 'authentic';
    plans.push({ label, phrases });
  }
  if (outro) plans.push({ label: 'outro', phrases: [{ bars: outro, cadence: 'authentic' }] });
  return plans;
}
