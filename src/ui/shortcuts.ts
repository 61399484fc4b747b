import { N_ } from './i18n';

/** What a keyboard shortcut does. */
export type ShortcutAction =
  | 'playPause'
  | 'regenerate'
  | 'stop'
  | 'loop'
  | 'exportMidi'
  | 'newSeed'
  | 'previousPreset'
  | 'nextPreset'
  | 'muteMelody'
  | 'help';

/** One shortcut: the keys (KeyboardEvent.key, letters in lower case), how the help names them, what it does. */
export interface Shortcut {
  action: ShortcutAction;
  keys: readonly string[];
  /** The keys as the help overlay shows them (English; shown through t()). */
  label: string;
  /** What it does (English; shown through t()). */
  description: string;
}

/** Every shortcut of the page, in the order the help overlay lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'playPause', keys: [' '], label: N_('Space'), description: N_('Play or pause') },
  { action: 'stop', keys: ['s'], label: 'S', description: N_('Stop and go back to the start') },
  { action: 'loop', keys: ['l'], label: 'L', description: N_('Loop on or off (from a section: the whole piece)') },
  { action: 'regenerate', keys: ['r'], label: 'R', description: N_('Regenerate (a new piece)') },
  { action: 'newSeed', keys: ['d'], label: 'D', description: N_('New random seed (the dice)') },
  { action: 'previousPreset', keys: ['arrowleft'], label: '←', description: N_('Previous preset') },
  { action: 'nextPreset', keys: ['arrowright'], label: '→', description: N_('Next preset') },
  { action: 'muteMelody', keys: ['m'], label: 'M', description: N_('Mute or unmute the melody') },
  { action: 'exportMidi', keys: ['e'], label: 'E', description: N_('Export MIDI') },
  { action: 'help', keys: ['?', 'h'], label: N_('? or H'), description: N_('Show these shortcuts') },
];

/** The parts of a keydown event that decide its shortcut. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element, as far as it matters here. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

/** Elements that take typed text (or arrow keys) themselves. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Elements that Space activates: Space there is theirs, not play/pause. */
const ACTIVATED_BY_SPACE = new Set(['BUTTON', 'SUMMARY', 'A']);

/** Whether the focus is somewhere the user types. */
export function isTyping(target: KeyPress['target']): boolean {
  return !!target && (TYPING.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable === true);
}

/**
 * The shortcut of a key press, or undefined: none while typing in a field, list or text area,
 * none with Ctrl, Meta (⌘) or Alt held (those belong to the browser and the system), and no
 * Space on a button, link or summary (Space presses those). Shift is allowed: "?" needs it.
 *
 * @example
 * shortcutFor({ key: 'r', ctrlKey: false, metaKey: false, altKey: false, target: null }); // => 'regenerate'
 */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || isTyping(press.target)) return undefined;
  const key = press.key.toLowerCase();
  if (key === ' ' && ACTIVATED_BY_SPACE.has((press.target?.tagName ?? '').toUpperCase())) return undefined;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.action;
}

/**
 * Listens for the shortcuts on `doc` and runs their actions. Ignored while a modal dialog is open
 * (it has its own keys). Returns a function that stops listening.
 */
export function startShortcuts(
  actions: Record<ShortcutAction, (event: KeyboardEvent) => void>,
  doc: Document = document,
): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.repeat || doc.querySelector('dialog[open]')) return;
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: e.target as HTMLElement | null,
    });
    if (!action) return;
    e.preventDefault();
    actions[action](e);
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}

/**
 * The keys of editing, listed by the help overlay under the shortcuts: Undo and Redo anywhere but in
 * a field, the rest while the piano roll has the focus (handled by the roll and the history).
 */
export const EDITING_KEYS: readonly Pick<Shortcut, 'label' | 'description'>[] = [
  { label: N_('Ctrl+Z'), description: N_('Undo') },
  { label: N_('Ctrl+Shift+Z or Ctrl+Y'), description: N_('Redo') },
  { label: N_('Arrows'), description: N_('Move the selected notes (a sixteenth, a semitone)') },
  { label: N_('Shift+↑ / Shift+↓'), description: N_('Move the selected notes an octave') },
  { label: N_('Shift+← / Shift+→'), description: N_('Shorten or lengthen the selected notes') },
  { label: '+ / −', description: N_('Louder or softer') },
  { label: N_('Delete'), description: N_('Delete the selected notes') },
  { label: N_('Enter'), description: N_('Add a note after the last selected one') },
  { label: N_('Ctrl+A'), description: N_('Select every note of the part') },
  { label: N_('Escape'), description: N_('Clear the selection') },
];
