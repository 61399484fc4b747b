/**
 * The Theme select: System (follow prefers-color-scheme), Light or Dark. The choice is set as
 * `data-theme` on <html> (app.css picks its colours from it), remembered in localStorage, and
 * applied before the first paint by public/theme-boot.js. Whenever the colours change — a choice
 * here or the system switching while System is chosen — a `muse:theme` event goes to the document,
 * so that canvas drawings (the piano roll) redraw with the new CSS variables.
 */
export type Theme = 'system' | 'light' | 'dark';

/** The storage key; public/theme-boot.js reads the same one. */
export const THEME_KEY = 'markov-muse/theme/v1';
export const THEME_EVENT = 'muse:theme';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** The remembered theme; 'system' when there is none, it is unknown, or storage fails. */
export function loadTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
  } catch {
    return 'system';
  }
}

/** Remembers the theme; a failing storage only means it is not remembered. */
export function saveTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage disabled or full: the choice holds for this visit only.
  }
}

/** Sets the theme on the page (no attribute for System, so the media query decides). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.ownerDocument.dispatchEvent(new Event(THEME_EVENT));
}

/** Wires the Theme select: shows the remembered choice, applies and remembers a new one. */
export function startTheme(select: HTMLSelectElement): void {
  const theme = loadTheme();
  select.value = theme;
  applyTheme(theme);
  select.addEventListener('change', () => {
    const chosen = THEMES.includes(select.value as Theme) ? (select.value as Theme) : 'system';
    saveTheme(chosen);
    applyTheme(chosen);
  });
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (loadTheme() === 'system' && select.value === 'system') document.dispatchEvent(new Event(THEME_EVENT));
  });
}
