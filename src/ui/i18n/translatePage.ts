import { render, type Source, sourceOf } from '../i18n';

/** The attributes that carry text a user reads or hears. */
export const TRANSLATED_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'] as const;

/** What a node showed after the last translation, and where that text came from. */
interface Shown {
  source: Source | undefined;
  text: string;
}

/** By text node: its English origin (index.html's text, or the t() call that made it). */
const texts = new WeakMap<Text, Shown>();
/** By element and attribute: likewise. */
const attributes = new WeakMap<Element, Map<string, Shown>>();

/** Whether `node` is inside something marked not to translate (names, language names, code). */
function excluded(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  return !element || !!element.closest('[translate="no"], script, style, template');
}

/**
 * `shown` in the current language, when its origin is known: the origin recorded the last time (if
 * the node still shows what was put there), else what `sourceOf` finds (a dictionary key, a German
 * entry, a recent `t()` with params). Text of unknown origin (user data, numbers) stays as it is.
 */
function translate(shown: string, before: Shown | undefined): Shown {
  const source = before && before.text === shown ? before.source : sourceOf(shown);
  return { source, text: source ? render(source) : shown };
}

/**
 * Translates the text under `root` into the current language: text nodes and the attributes
 * aria-label, title, placeholder, alt and aria-valuetext, each keyed by its exact English text
 * (trimmed; the surrounding white space is kept). The English origin of each node is remembered,
 * so calling it again after a change of language translates from English again, never from German.
 * Dynamic text made by one `t()` call is found too; subtrees with `translate="no"` are left alone.
 */
export function translatePage(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (excluded(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node: Node | null = root; node; node = walker.nextNode()) {
    if (node instanceof Text) translateText(node);
    else if (node instanceof Element && !excluded(node)) translateAttributes(node);
  }
}

function translateText(node: Text): void {
  const data = node.data;
  const trimmed = data.trim();
  if (!trimmed) return;
  const next = translate(trimmed, texts.get(node));
  texts.set(node, next);
  if (next.text !== trimmed) {
    const start = data.indexOf(trimmed);
    node.data = data.slice(0, start) + next.text + data.slice(start + trimmed.length);
  }
}

function translateAttributes(element: Element): void {
  for (const name of TRANSLATED_ATTRIBUTES) {
    const value = element.getAttribute(name)?.trim();
    if (!value) continue;
    let shown = attributes.get(element);
    if (!shown) {
      shown = new Map();
      attributes.set(element, shown);
    }
    const next = translate(value, shown.get(name));
    shown.set(name, next);
    if (next.text !== value) element.setAttribute(name, next.text);
  }
}
