/**
 * Sample libraries give way (library.ts, giveWay): no file is fetched or decoded while the page
 * says the user waits for something else (a preset's corpus chunk, a piece just asked for), and no
 * more than AT_ONCE files are under way at a time. Fetch and the decoding context are stand-ins
 * (Node has no Web Audio); the built-in piano's file list is the real one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AT_ONCE, forgetLibrary, loadLibraries, PIANO, PIANO_NOTES } from '../../src/engine/samples';

let fetched: string[];
let decoded: number;
let inFlight: number;
let mostInFlight: number;

beforeEach(() => {
  fetched = [];
  decoded = 0;
  inFlight = 0;
  mostInFlight = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { ok: true, arrayBuffer: async () => new ArrayBuffer(8) };
  });
  vi.stubGlobal(
    'OfflineAudioContext',
    class {
      async decodeAudioData() {
        decoded++;
        inFlight--;
        return { duration: 1 };
      }
    },
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  forgetLibrary(PIANO);
});

/** A gate that is shut until opened. */
function gate() {
  let open: () => void = () => {};
  let shut = true;
  let opened = new Promise<void>((resolve) => (open = resolve));
  return {
    giveWay: () => opened,
    open: () => {
      shut = false;
      open();
    },
    close: () => {
      if (!shut) opened = new Promise<void>((resolve) => (open = resolve));
      shut = true;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('sample loading gives way', () => {
  it('fetches nothing while the page waits for something else, then every file', async () => {
    const g = gate();
    const loading = loadLibraries([PIANO], { base: '/', giveWay: g.giveWay });
    await settle();
    expect(fetched).toEqual([]);
    g.open();
    const libraries = await loading;
    expect(fetched).toHaveLength(PIANO_NOTES.length);
    expect(decoded).toBe(PIANO_NOTES.length);
    expect(Object.keys(libraries.get(PIANO) ?? {})).toHaveLength(PIANO_NOTES.length);
  });

  it('does not decode a fetched file while the page waits, nor fetch more', async () => {
    let shutAfterFetch = false;
    const g = gate();
    g.open();
    const loading = loadLibraries([PIANO], {
      base: '/',
      giveWay: () => {
        if (shutAfterFetch) g.close();
        return g.giveWay();
      },
    });
    // Shut once the first files are under way: those fetched are not decoded, no more are fetched.
    await new Promise((resolve) => setTimeout(resolve, 0));
    shutAfterFetch = true;
    await settle();
    const during = { fetched: fetched.length, decoded };
    expect(during.fetched).toBeLessThanOrEqual(AT_ONCE);
    expect(during.decoded).toBe(0);
    await settle();
    expect(fetched.length).toBe(during.fetched);
    shutAfterFetch = false;
    g.open();
    await loading;
    expect(decoded).toBe(PIANO_NOTES.length);
  });

  it(`has at most ${AT_ONCE} files under way at a time`, async () => {
    await loadLibraries([PIANO], { base: '/', giveWay: async () => {} });
    expect(fetched).toHaveLength(PIANO_NOTES.length);
    expect(mostInFlight).toBe(AT_ONCE);
  });
});
