import { LANGUAGES, type Language, language, onLanguageChange, setLanguage } from './i18n';
import { translatePage } from './i18n/translatePage';
import './languageSelect.css';

const KEY = 'markov-muse/language/v1';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/**
 * The language to start in: the one the user chose last time, else German when the browser's
 * language is German (de, de-DE, de-AT, …), else English.
 */
export function initialLanguage(stored: string | null | undefined, browser: string | undefined): Language {
  if (isLanguage(stored)) return stored;
  return browser?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The remembered choice; storage that is off or failing means none. */
function storedLanguage(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function rememberLanguage(value: Language): void {
  try {
    localStorage.setItem(KEY, value);
  } catch {
    // Storage full or disabled: the choice lasts until the page is closed.
  }
}

/** Shows the page in `value`: `<html lang>`, the static text, and whatever listens for the change. */
function apply(value: Language): void {
  document.documentElement.lang = value;
  setLanguage(value);
  translatePage(document.body);
}

/**
 * Starts the page in its language (before the app writes any text) and wires the Language select
 * (#language: English, Deutsch): a choice applies at once, without a reload — static text is
 * translated again from its English origin, the texts the app made with t() are made again, and
 * listeners of `onLanguageChange` re-render the rest — and is remembered for the next visit.
 */
export function startLanguage(select: HTMLSelectElement | null = document.querySelector('#language')): void {
  apply(initialLanguage(storedLanguage(), navigator.language));
  if (!select) return;
  select.value = language();
  select.addEventListener('change', () => {
    if (!isLanguage(select.value)) return;
    rememberLanguage(select.value);
    apply(select.value);
  });
  onLanguageChange((value) => {
    select.value = value;
  });
}
