import type { Piece } from '../compose';
import { t } from './i18n';
import type { PianoRoll } from './pianoRoll';
import { type SectionSpan, sectionName, sectionSpans } from './rollSections';
import type { Transport } from './transport';

/** The elements of the section loop. */
export interface SectionLoopControls {
  /** "Loop section": "Whole piece", then one option per section. */
  select: HTMLSelectElement;
  /** The piano roll's canvas: a click on a section's band loops it. */
  canvas: HTMLCanvasElement;
}

/**
 * Loops one section of the form: chosen by a click on its band at the top of the piano roll or in
 * the "Loop section" list (the keyboard way to the same). The two stay in sync with the transport:
 * the looped section is marked on the roll and named in the status; clicking it again, choosing
 * "Whole piece" or pressing Loop goes back to looping the whole piece.
 */
export class SectionLoop {
  private spans: SectionSpan[] = [];
  private chosen: SectionSpan | undefined;

  constructor(
    private readonly c: SectionLoopControls,
    private readonly roll: PianoRoll,
    private readonly transport: Transport,
    private readonly say: (text: string) => void,
  ) {
    transport.onLoopRange = (range) => {
      if (!range) this.chosen = undefined;
      this.sync();
      this.say(
        this.chosen ? t('Looping {section}.', { section: sectionName(this.chosen) }) : t('Looping the whole piece.'),
      );
    };
    c.select.addEventListener('change', () => this.choose(this.spans[Number(c.select.value)]));
    c.canvas.addEventListener('click', (e) => {
      const span = this.roll.sectionAt(e.offsetX, e.offsetY);
      if (span) this.choose(span.index === this.chosen?.index ? undefined : span);
    });
    c.canvas.addEventListener('pointermove', (e) => {
      c.canvas.style.cursor = this.roll.sectionAt(e.offsetX, e.offsetY) ? 'pointer' : '';
    });
  }

  /** The section looped now, if any. */
  get current(): SectionSpan | undefined {
    return this.chosen;
  }

  /** The sections of the piece now shown, in order. */
  get sections(): readonly SectionSpan[] {
    return this.spans;
  }

  /**
   * Lists the sections of a new piece. A looped section stays looped when the new piece has it (the
   * same label at the same place in the form); otherwise the whole piece loops.
   */
  show(piece: Piece): void {
    this.spans = sectionSpans(piece);
    const options = [new Option(t('Whole piece'), '')];
    for (const s of this.spans) options.push(new Option(sectionName(s), String(s.index)));
    this.c.select.replaceChildren(...options);
    const old = this.chosen;
    const same = old && this.spans[old.index];
    if (old && !(same && same.start === old.start && same.end === old.end && same.label === old.label))
      this.choose(same?.label === old.label ? same : undefined);
    else {
      this.chosen = same;
      this.sync();
    }
  }

  /** Loops `span`, or the whole piece when undefined. */
  choose(span: SectionSpan | undefined): void {
    this.chosen = span;
    this.transport.loopRange(span ? { start: span.start, end: span.end } : undefined);
    this.sync();
  }

  private sync(): void {
    this.c.select.value = this.chosen ? String(this.chosen.index) : '';
    this.roll.highlight(this.chosen);
  }
}
