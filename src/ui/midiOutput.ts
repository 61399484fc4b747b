import type { MidiPort } from '../engine/play/midiOut';
import { t } from './i18n';

/** The elements of the MIDI output choice. */
export interface MidiControls {
  select: HTMLSelectElement;
  builtIn: HTMLInputElement;
  status: HTMLElement;
}

/** Gives up on a permission prompt nobody answers. */
const ACCESS_TIMEOUT_MS = 8000;

/**
 * The MIDI output choice: "Off" or one of the ports Web MIDI offers, and whether the built-in synths
 * play too. Access is asked for only when the user opens the list (or at once if already granted),
 * and a browser without Web MIDI, or a refusal, leaves just "Off" with a line saying why.
 */
export function startMidiOutput(
  controls: MidiControls,
  onChange: (port: MidiPort | undefined, builtIn: boolean) => void,
): void {
  const { select, builtIn, status } = controls;
  let access: MIDIAccess | undefined;
  let asked = false;

  const chosen = (): MIDIOutput | undefined => (select.value ? access?.outputs.get(select.value) : undefined);
  const changed = () => onChange(chosen(), builtIn.checked);

  const list = () => {
    if (!access) return;
    const value = select.value;
    const ports = [...access.outputs.values()];
    select.replaceChildren(new Option(t('Off'), ''), ...ports.map((p) => new Option(p.name ?? p.id, p.id)));
    select.value = ports.some((p) => p.id === value) ? value : '';
    status.textContent = ports.length ? '' : t('No MIDI outputs found.');
    if (value !== select.value) changed();
  };

  const ask = async () => {
    if (asked) return;
    asked = true;
    if (typeof navigator.requestMIDIAccess !== 'function') {
      status.textContent = t('This browser has no Web MIDI: the built-in synths play.');
      return;
    }
    status.textContent = t('Looking for MIDI outputs…');
    try {
      access = await Promise.race([
        navigator.requestMIDIAccess(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), ACCESS_TIMEOUT_MS)),
      ]);
      access.onstatechange = list;
      list();
    } catch (e) {
      asked = false; // let the user try again
      status.textContent =
        e instanceof Error && e.name === 'SecurityError'
          ? t('MIDI output is not allowed here: the built-in synths play.')
          : t('MIDI output is not available here: the built-in synths play.');
    }
  };

  select.addEventListener('pointerdown', () => void ask());
  select.addEventListener('focus', () => void ask());
  select.addEventListener('change', changed);
  builtIn.addEventListener('change', changed);
  // Ask at once only when it cannot bring up a prompt.
  navigator.permissions
    ?.query({ name: 'midi' as PermissionName })
    .then((p) => {
      if (p.state === 'granted') void ask();
    })
    .catch(() => {});
}
