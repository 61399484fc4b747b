/**
 * A Web MIDI for the page with one fake keyboard (the test plays it: `window.__play([0x90, 60, 100])`)
 * and one fake synth (it keeps every message it is sent with its timestamp in `window.__sent`). Pass
 * `fakeMidi` as `initScript` to openApp (or `page.addInitScript`).
 */
export interface FakeMidiWindow {
  __sent: { data: number[]; ts: number }[];
  __play(data: number[]): void;
}

export function fakeMidi(): void {
  const w = window as unknown as FakeMidiWindow;
  const sent: FakeMidiWindow['__sent'] = [];
  w.__sent = sent;
  const input: { id: string; name: string; type: string; state: string; onmidimessage: ((e: unknown) => void) | null } =
    { id: 'in1', name: 'Fake keyboard', type: 'input', state: 'connected', onmidimessage: null };
  const output = {
    id: 'out1',
    name: 'Fake synth',
    type: 'output',
    state: 'connected',
    send: (data: number[], ts?: number) => sent.push({ data: [...data], ts: ts ?? performance.now() }),
  };
  w.__play = (data) => input.onmidimessage?.({ data: new Uint8Array(data) });
  const access = {
    inputs: new Map([['in1', input]]),
    outputs: new Map([['out1', output]]),
    onstatechange: null,
    sysexEnabled: false,
  };
  Object.defineProperty(navigator, 'requestMIDIAccess', { value: async () => access, configurable: true });
}

/** Plays pitches on the fake keyboard in the page (`page.evaluate(playPhrase, {...})`): each held `onMs`, then `gapMs` apart. */
export async function playPhrase({ pitches, onMs, gapMs }: { pitches: number[]; onMs: number; gapMs: number }) {
  const w = window as unknown as FakeMidiWindow;
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (const pitch of pitches) {
    w.__play([0x90, pitch, 100]);
    await wait(onMs);
    w.__play([0x80, pitch, 0]);
    await wait(gapMs);
  }
}
