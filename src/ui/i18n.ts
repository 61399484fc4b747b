import { de } from './i18n/de';

/**
 * The page's languages. English is the source language: every string is written in English in the
 * code and in index.html, and that English text (trimmed) is the key of the other dictionaries.
 *
 * To add a string: write `t('English text')` (or `t('{n} bars', { n })` with placeholders) where it is
 * shown, and add one line to `i18n/de.ts`. A unit test (tests/unit/i18n-coverage.test.ts) fails when a
 * `t('…')` in src/ui or a text of index.html has no German.
 *
 * Rules that keep switching language without a reload working:
 * - one `t()` call per string that is shown: never glue translated pieces together (the page can
 *   re-render a text whose origin it knows, not a concatenation);
 * - `t()` returns plain text: callers set `textContent` or an attribute, never `innerHTML`;
 * - values stay English (mode values, chord symbols, note names, file names): only labels change.
 *
 * @example
 * t('Play') // => 'Abspielen' in German
 * t('{bars} bars in {key} {mode}', { bars: 8, key: 'C', mode: t('major') }) // => '8 Takte in C Dur'
 */
export type Language = 'en' | 'de';

export const LANGUAGES: readonly Language[] = ['en', 'de'];

/** A number shown with a fixed count of decimals, in the current language's format (1.50 / 1,50). */
export interface Fixed {
  fixed: number;
  digits: number;
}

/** Values for `{name}` placeholders: text (shown as is), integers, or {@link fixed} numbers. */
export type Params = Readonly<Record<string, string | number | Fixed>>;

/** The dictionaries of the languages other than English, keyed by the exact English text. */
export const DICTIONARIES: Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<string, string>>>> = { de };

let current: Language = 'en';
const listeners = new Set<(language: Language) => void>();

/** The language the page is shown in. */
export function language(): Language {
  return current;
}

/** Switches the language of `t()`; listeners re-render what they show. */
export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener(next);
}

/** Calls `listener` after each change of language; returns a function that stops it. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `n` with `digits` decimals, shown in the current language's format when it fills a placeholder. */
export function fixed(n: number, digits: number): Fixed {
  return { fixed: n, digits };
}

/** `n` with `digits` decimals in the current language: "1.50" in English, "1,50" in German. */
export function formatNumber(n: number, digits = 0): string {
  const text = n.toFixed(digits);
  return current === 'de' ? text.replace('.', ',') : text;
}

const show = (value: string | number | Fixed): string =>
  typeof value === 'object' ? formatNumber(value.fixed, value.digits) : String(value);

/** `template` with each `{name}` replaced by `params[name]` (an unknown name stays as it is). */
export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? show(params[name]) : whole,
  );
}

/** Where a shown text came from, so that it can be shown again in another language. */
export interface Source {
  key: string;
  params?: Params;
}

/** Recent texts made from a template with params, newest last (bounded: status lines come and go). */
const recent = new Map<string, Source>();
const RECENT_LIMIT = 2000;

/**
 * The text of `english` in the current language (English when the dictionary has no entry), with its
 * placeholders filled. Plain text: set it with `textContent` or as an attribute.
 */
export function t(english: string, params?: Params): string {
  const template = current === 'en' ? english : (DICTIONARIES[current][english] ?? english);
  const text = fill(template, params);
  if (params) {
    recent.delete(text);
    recent.set(text, { key: english, params });
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  }
  return text;
}

/** German (or another language's) text → its English key, for the texts without params. */
const reverse = new Map<string, string>();
for (const dictionary of Object.values(DICTIONARIES))
  for (const [english, text] of Object.entries(dictionary)) if (!reverse.has(text)) reverse.set(text, english);

/** Where `text` (as shown, trimmed) came from: a recent `t()` with params, or a dictionary entry. */
export function sourceOf(text: string): Source | undefined {
  const made = recent.get(text);
  if (made) return made;
  if (Object.values(DICTIONARIES).some((d) => Object.hasOwn(d, text))) return { key: text };
  const english = reverse.get(text);
  return english === undefined ? undefined : { key: english };
}

/**
 * `source` in the current language. Text params that were themselves made by `t()` are made again
 * (to a depth of 3): `t('{imported}, {refused}.', { imported: t('{n} pieces imported', { n }), … })`.
 */
export function render(source: Source, depth = 0): string {
  if (!source.params) return t(source.key);
  const params: Record<string, string | number | Fixed> = {};
  for (const [name, value] of Object.entries(source.params)) {
    const inner = typeof value === 'string' && depth < 3 ? sourceOf(value) : undefined;
    params[name] = inner && inner !== source ? render(inner, depth + 1) : value;
  }
  return t(source.key, params);
}

/**
 * Marks `english` as a string to translate without translating it now (gettext's N_): for tables
 * built once, whose entries are passed to `t()` when shown. The coverage test finds `N_('…')` too.
 */
export const N_ = (english: string): string => english;
