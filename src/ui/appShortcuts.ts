import { t } from './i18n';
import { ShortcutHelp } from './shortcutHelp';
import { startShortcuts } from './shortcuts';
import type { Transport } from './transport';

/** The page's parts that the keyboard shortcuts act on. */
export interface ShortcutTargets {
  transport: Transport;
  preset: HTMLSelectElement;
  /** The buttons a shortcut clicks, as a user would. */
  regenerate: HTMLButtonElement;
  stop: HTMLElement;
  loop: HTMLElement;
  exportMidi: HTMLButtonElement;
  dice: HTMLElement;
  /** The visible "Keyboard shortcuts" button. */
  helpButton: HTMLElement;
  say: (text: string) => void;
}

/**
 * Wires the keyboard shortcuts (see shortcuts.ts) and the help overlay, opened by ? or H and by
 * the Keyboard shortcuts button. Returns the overlay (the test hook reports whether it is open).
 */
export function startAppShortcuts(to: ShortcutTargets): ShortcutHelp {
  const help = new ShortcutHelp();
  to.helpButton.addEventListener('click', () => help.show());
  const stepPreset = (by: number) => {
    const count = to.preset.options.length;
    to.preset.selectedIndex = (to.preset.selectedIndex + by + count) % count;
    to.preset.dispatchEvent(new Event('change'));
  };
  startShortcuts({
    playPause: (e) => to.transport.toggle(e.timeStamp),
    regenerate: () => to.regenerate.click(),
    stop: () => to.stop.click(),
    loop: () => to.loop.click(),
    exportMidi: () => to.exportMidi.click(),
    newSeed: () => to.dice.click(),
    previousPreset: () => stepPreset(-1),
    nextPreset: () => stepPreset(1),
    muteMelody: () => {
      // Found by track id, not by its label: the label is in the page's language.
      const mute = document.querySelector<HTMLButtonElement>('#mixer [data-track="melody"] [data-toggle="mute"]');
      if (!mute) return to.say(t('This piece has no melody to mute.'));
      mute.click();
      to.say(mute.getAttribute('aria-pressed') === 'true' ? t('Melody muted.') : t('Melody on.'));
    },
    help: () => help.show(),
  });
  return help;
}
