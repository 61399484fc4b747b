import { N_, t } from './i18n';
import type { PresetLibrary } from './presetLibrary';

const GROUPS = [
  { id: 'yours', label: N_('Your presets'), names: (l: PresetLibrary) => l.userNames() },
  { id: 'shared', label: N_('From share links'), names: (l: PresetLibrary) => l.sharedNames() },
] as const;

/**
 * Lists the user's presets and the shared ones in the Preset select, each in its own group after
 * the built-ins (which the page lists once), keeping the selection where it can.
 */
export function showPresetOptions(select: HTMLSelectElement, library: PresetLibrary): void {
  const selected = select.value;
  for (const group of select.querySelectorAll('optgroup[data-presets]')) group.remove();
  for (const { id, label, names } of GROUPS) {
    const list = names(library);
    if (!list.length) continue;
    const group = document.createElement('optgroup');
    group.label = t(label);
    group.dataset.presets = id;
    for (const name of list) group.append(new Option(name, name));
    select.append(group);
  }
  if ([...select.options].some((o) => o.value === selected)) select.value = selected;
}
