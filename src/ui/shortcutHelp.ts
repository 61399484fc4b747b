import './shortcutHelp.css';
import { t } from './i18n';
import { EDITING_KEYS, SHORTCUTS } from './shortcuts';

/** A table of keys and what they do. */
function keyTable(doc: Document, rows: readonly { label: string; description: string }[]): HTMLTableElement {
  const table = doc.createElement('table');
  const head = table.createTHead().insertRow();
  // "Shortcut", not "Key": the page's Key is the musical key (Tonart), this one is Taste.
  for (const text of [t('Shortcut'), t('Action')]) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const s of rows) {
    const row = body.insertRow();
    const key = doc.createElement('th');
    key.scope = 'row';
    const kbd = doc.createElement('kbd');
    kbd.textContent = t(s.label);
    key.append(kbd);
    row.append(key);
    row.insertCell().textContent = t(s.description);
  }
  return table;
}

/**
 * The help overlay: a modal dialog headed "Keyboard shortcuts" with a table of every shortcut,
 * closed by Escape or its Close button; the focus then goes back where it was.
 */
export class ShortcutHelp {
  readonly dialog: HTMLDialogElement;
  private returnTo: HTMLElement | null = null;

  constructor(doc: Document = document) {
    const dialog = doc.createElement('dialog');
    dialog.id = 'shortcut-help';
    dialog.className = 'shortcut-help';
    dialog.setAttribute('aria-labelledby', 'shortcut-help-title');
    const title = doc.createElement('h2');
    title.id = 'shortcut-help-title';
    title.textContent = t('Keyboard shortcuts');
    const table = keyTable(doc, SHORTCUTS);
    const editing = doc.createElement('h3');
    editing.textContent = t('Editing (Undo and Redo anywhere, the rest in the focused piano roll)');
    const editTable = keyTable(doc, EDITING_KEYS);
    const note = doc.createElement('p');
    note.className = 'hint';
    note.textContent = t('Shortcuts rest while you type in a field, and with Ctrl, Alt or ⌘ held.');
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = t('Close');
    close.addEventListener('click', () => dialog.close());
    dialog.append(title, table, editing, editTable, note, close);
    dialog.addEventListener('close', () => {
      const to = this.returnTo;
      this.returnTo = null;
      if (to?.isConnected) to.focus();
    });
    doc.body.append(dialog);
    this.dialog = dialog;
  }

  get open(): boolean {
    return this.dialog.open;
  }

  /** Opens the overlay, remembering where the focus was. */
  show(): void {
    if (this.dialog.open) return;
    const active = this.dialog.ownerDocument.activeElement;
    this.returnTo = active instanceof HTMLElement ? active : null;
    this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }
}
