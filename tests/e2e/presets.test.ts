import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { builtinPresets, generate, type Preset, type Recipe } from '../../src/presets';
import { chromiumAvailable, launchChromium, serveBuiltApp } from '../helpers/browser';
import { muse } from '../helpers/cli';

interface MuseWindow {
  muse: {
    recipe(): Required<Recipe>;
    piece(): Piece;
    preset(): Preset;
    audioState(): string;
  };
}
const ballad = builtinPresets()[0];

/** The piece Node composes for a recipe (and a preset of the user's), as plain data. */
function inNode(recipe: Recipe, preset?: Preset): Piece {
  const g = generate(recipe, { preset });
  if (!g.ok) throw new Error(g.error.message);
  return JSON.parse(JSON.stringify(g.value.piece));
}

describe.skipIf(!chromiumAvailable())('the preset panel in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  const problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'muse-presets-'));

  beforeAll(async () => {
    server = await serveBuiltApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page of the app in `context` (a fresh one: its own storage), watched for errors. */
  async function open(context?: BrowserContext, hash = ''): Promise<Page> {
    const page = await (context ?? (await browser.newContext({ acceptDownloads: true }))).newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${server.url}${hash}`);
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    return page;
  }
  const piece = (page: Page) => page.evaluate(() => (window as unknown as MuseWindow).muse.piece());
  const recipe = (page: Page) => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
  const status = (page: Page) => page.locator('#preset-status').textContent();
  const openPanel = (page: Page) => page.getByText('Edit preset', { exact: true }).click();
  const field = (page: Page, name: string) => page.getByLabel(name, { exact: true });
  /** Types a value as a user does: the change applies when the field is left. */
  async function set(page: Page, name: string, value: string | number): Promise<void> {
    await field(page, name).fill(String(value));
    await field(page, name).blur();
  }
  const options = (page: Page, group: string) =>
    page.locator(`#preset optgroup[label="${group}"] option`).allTextContents();

  it('an edit recomposes the same seed with the edited preset; invalid values are marked, not applied; Reset', async () => {
    const page = await open();
    const start = await recipe(page);
    expect(start.preset).toBe(ballad.name);
    const original = await piece(page);
    expect(original).toEqual(inNode(start));
    await openPanel(page);

    const high = ballad.melody.high - 7;
    expect(await field(page, 'Melody high').inputValue()).toBe(String(ballad.melody.high));
    await set(page, 'Melody high', high);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.preset().melody.high))
      .toBe(high);
    const edited = { ...ballad, melody: { ...ballad.melody, high } };
    const changed = await piece(page);
    expect(changed).not.toEqual(original);
    expect(changed).toEqual(inNode(start, edited));
    expect(await recipe(page)).toEqual(start); // same seed, tempo and bars
    const melody = changed.tracks.find((t) => t.id === 'melody');
    expect(Math.max(...(melody?.notes.map((n) => n.pitch) ?? [999]))).toBeLessThanOrEqual(high);

    // The preset's tempo is the piece's default: the Tempo field follows it.
    await set(page, 'Preset tempo', 100);
    await expect.poll(() => recipe(page).then((r) => r.tempo)).toBe(100);
    expect(await page.getByRole('spinbutton', { name: 'Tempo', exact: true }).inputValue()).toBe('100');
    expect((await piece(page)).tempo).toBe(100);

    const before = await piece(page);
    await set(page, 'Melody low', 200);
    await expect.poll(() => status(page)).toMatch(/melody\.low/);
    expect(await field(page, 'Melody low').getAttribute('aria-invalid')).toBe('true');
    expect(await piece(page)).toEqual(before);
    await set(page, 'Melody low', high + 1); // low above high: refused, naming the field
    await expect.poll(() => status(page)).toMatch(/melody\.low: must be below melody\.high/);
    expect(await piece(page)).toEqual(before);

    await page.getByRole('button', { name: 'Reset preset', exact: true }).click();
    await expect.poll(() => recipe(page)).toEqual({ ...start, tempo: ballad.tempo });
    expect(await piece(page)).toEqual(inNode({ preset: ballad.name, seed: start.seed }));
    expect(await piece(page)).toEqual(original);
    expect(await field(page, 'Melody high').inputValue()).toBe(String(ballad.melody.high));
    expect(await page.locator('#preset-editor [aria-invalid="true"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a share link carries an edited preset whole: a new page opens the exact piece', async () => {
    const page = await open(undefined, '#v=1&preset=folk-dance&seed=9&bars=16&tempo=110');
    await openPanel(page);
    await field(page, 'Chords pattern').selectOption('arpeggio');
    await set(page, 'Model temperature', 1.4);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.preset().model.temperature))
      .toBe(1.4);
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.preset().chords.pattern)).toBe('arpeggio');
    await page.getByText('More export options').click();
    await page.getByRole('button', { name: 'Copy share link', exact: true }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toContain('&p=');
    const there = await open(undefined, link.slice(link.indexOf('#')));
    expect(await piece(there)).toEqual(await piece(page));
    expect(await there.evaluate(() => (window as unknown as MuseWindow).muse.preset())).toEqual(
      await page.evaluate(() => (window as unknown as MuseWindow).muse.preset()),
    );
    expect(await recipe(there)).toEqual(await recipe(page));
    expect(await recipe(there)).toMatchObject({ preset: 'folk-dance', seed: 9, bars: 16, tempo: 110 });
    // The opened page shows the edit, and Reset goes back to the built-in.
    await openPanel(there);
    expect(await field(there, 'Model temperature').inputValue()).toBe('1.4');
    await there.getByRole('button', { name: 'Reset preset', exact: true }).click();
    await expect.poll(() => piece(there)).toEqual(inNode({ preset: 'folk-dance', seed: 9, bars: 16, tempo: 110 }));
    expect(problems).toEqual([]);
    await page.context().close();
    await there.context().close();
  }, 90_000);

  it('Save keeps a user preset across reloads; Export preset gives a file the CLI composes the same MIDI from; Delete', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await open(context);
    await openPanel(page);
    expect(await page.getByRole('button', { name: 'Delete preset', exact: true }).isDisabled()).toBe(true);
    await set(page, 'Melody velocity', 64);
    await field(page, 'Bass pattern').selectOption('walking');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.preset().bass.pattern))
      .toBe('walking');

    await field(page, 'Preset name').fill(ballad.name);
    await page.getByRole('button', { name: 'Save preset', exact: true }).click();
    await expect.poll(() => status(page)).toMatch(/^Preset name: .*built-in preset/);
    expect(await field(page, 'Preset name').getAttribute('aria-invalid')).toBe('true');
    expect(await options(page, 'Your presets')).toEqual([]);

    await field(page, 'Preset name').fill('My Ballad');
    await page.getByRole('button', { name: 'Save preset', exact: true }).click();
    await expect.poll(() => status(page)).toBe('Saved your preset my-ballad.');
    expect(await options(page, 'Your presets')).toEqual(['my-ballad']);
    expect(await field(page, 'Preset').inputValue()).toBe('my-ballad');
    const saved = await piece(page);
    const mine = await page.evaluate(() => (window as unknown as MuseWindow).muse.preset());
    expect(mine).toMatchObject({ name: 'my-ballad', bass: { pattern: 'walking' }, melody: { velocity: 64 } });
    expect(saved).toEqual(inNode(await recipe(page), mine));

    await page.reload();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    expect(await options(page, 'Your presets')).toEqual(['my-ballad']);
    expect(await field(page, 'Preset').inputValue()).toBe('my-ballad');
    expect(await piece(page)).toEqual(saved);

    await openPanel(page);
    const [presetFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export preset', exact: true }).click(),
    ]);
    expect(presetFile.suggestedFilename()).toBe('my-ballad.json');
    const file = join(dir, 'my-ballad.json');
    await presetFile.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(mine);
    const [midi] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export MIDI', exact: true }).click(),
    ]);
    const fromPage = readFileSync(await midi.path());
    const { seed, bars, tempo } = await recipe(page);
    const out = join(dir, 'cli.mid');
    const cli = await muse(
      'generate',
      '--preset',
      file,
      '--seed',
      `${seed}`,
      '--bars',
      `${bars}`,
      '--tempo',
      `${tempo}`,
      '--out',
      out,
    );
    expect(cli.code, cli.err).toBe(0);
    expect(readFileSync(out).equals(fromPage)).toBe(true);

    await page.getByRole('button', { name: 'Delete preset', exact: true }).click();
    await expect.poll(() => status(page)).toBe('Deleted your preset my-ballad.');
    expect(await options(page, 'Your presets')).toEqual([]);
    expect(await field(page, 'Preset').inputValue()).toBe(ballad.name);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    expect(await options(page, 'Your presets')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Import preset refuses bad files naming the field and keeps the state; a good file joins your presets', async () => {
    const page = await open();
    await openPanel(page);
    const before = { piece: await piece(page), recipe: await recipe(page) };
    const text = (p: unknown) => JSON.stringify(p);
    const bad: [string, string, RegExp][] = [
      ['broken.json', '{"name": "x",', /not valid JSON/],
      ['proto.json', text(ballad).replace('{', '{"__proto__":{"polluted":"yes"},'), /__proto__/],
      [
        'ctor.json',
        text({ ...ballad, melody: { ...ballad.melody, constructor: { prototype: 1 } } }),
        /melody\.constructor/,
      ],
      [
        'range.json',
        text({ ...ballad, name: 'loud', melody: { ...ballad.melody, velocity: 500 } }),
        /melody\.velocity/,
      ],
      ['types.json', text({ ...ballad, name: 'fast', tempo: 'fast' }), /field tempo/],
      ['unknown.json', text({ ...ballad, name: 'extra', extra: 1 }), /extra/],
      // The sound in Tone.js's terms: Tone's ranges, Tone's option names, known instruments and effects.
      [
        'tone-range.json',
        text({
          ...ballad,
          name: 'r2',
          melody: { ...ballad.melody, voice: { instrument: 'FMSynth', options: { modulationIndex: 500 } } },
        }),
        /melody\.voice\.options\.modulationIndex/,
      ],
      [
        'tone-option.json',
        text({
          ...ballad,
          name: 'r3',
          melody: { ...ballad.melody, voice: { instrument: 'FMSynth', options: { wobble: 1 } } },
        }),
        /melody\.voice\.options\.wobble/,
      ],
      [
        'instrument.json',
        text({ ...ballad, name: 'r4', melody: { ...ballad.melody, voice: { instrument: 'Theremin' } } }),
        /unknown instrument/,
      ],
      [
        'effect.json',
        text({ ...ballad, name: 'r5', master: { effects: [{ effect: 'Flanger' }] } }),
        /master\.effects\.0.*unknown effect/,
      ],
      ['huge.json', text({ ...ballad, description: 'x'.repeat(70_000) }), /larger than 64 KiB/],
    ];
    for (const [name, content, message] of bad) {
      await field(page, 'Import preset').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(content),
      });
      await expect.poll(() => status(page), { message: name }).toMatch(message);
      expect(await status(page)).toContain(`${name} was not imported`);
      expect(await piece(page)).toEqual(before.piece);
      expect(await recipe(page)).toEqual(before.recipe);
      expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
    }
    expect(await options(page, 'Your presets')).toEqual([]);

    const good = { ...ballad, name: 'imported-tune', tempo: 90, master: { ...ballad.master, volume: -3 } };
    const file = join(dir, 'imported-tune.json');
    writeFileSync(file, JSON.stringify(good));
    await field(page, 'Import preset').setInputFiles(file);
    await expect.poll(() => status(page)).toBe('Imported imported-tune into your presets.');
    expect(await options(page, 'Your presets')).toEqual(['imported-tune']);
    expect(await recipe(page)).toEqual({ ...before.recipe, preset: 'imported-tune', tempo: 90 });
    expect(await piece(page)).toEqual(inNode(await recipe(page), good));

    // A preset written before the engine spoke Tone.js (synth per part, reverb) is converted, and says so.
    const old: Record<string, unknown> = { ...ballad, name: 'old-ballad', reverb: 0.3 };
    delete old.master;
    for (const part of ['melody', 'chords', 'bass'] as const) {
      const { voice: _, effects: __, pan: ___, ...rest } = ballad[part];
      old[part] = {
        ...rest,
        synth: {
          type: 'synth',
          oscillator: 'fatsawtooth',
          attack: 0.02,
          decay: 0.2,
          sustain: 0.5,
          release: 0.3,
          volume: -14,
        },
      };
    }
    if (ballad.drums) {
      const { voice: _, effects: __, ...drums } = ballad.drums;
      old.drums = drums;
    }
    await field(page, 'Import preset').setInputFiles({
      name: 'old-ballad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(old)),
    });
    await expect
      .poll(() => status(page))
      .toMatch(
        /old-ballad\.json was written for an older markov-muse and was converted: melody\.synth became melody\.voice \(LightSynth\)/,
      );
    expect(await options(page, 'Your presets')).toEqual(['imported-tune', 'old-ballad']);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('the open panel passes an accessibility scan (axe-core): every control has a unique name', async () => {
    const page = await open();
    await openPanel(page);
    await field(page, 'Melody high').waitFor();
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
      const result = await axe.run({ include: ['#preset-panel'] });
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    const names = await page
      .locator('#preset-panel input, #preset-panel select, #preset-panel button')
      .evaluateAll((els) =>
        els.map(
          (e) => e.getAttribute('aria-label') ?? (e as HTMLInputElement).labels?.[0]?.textContent ?? e.textContent,
        ),
      );
    expect(new Set(names).size).toBe(names.length);
    await page.context().close();
  }, 90_000);

  it('with storage full the page starts and plays, and Save preset says it could not save', async () => {
    const full = await browser.newContext();
    await full.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const page = await open(full);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse.audioState() === 'running', undefined, {
      timeout: 10_000,
    });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await openPanel(page);
    await set(page, 'Preset tempo', 80);
    await field(page, 'Preset name').fill('keep-me');
    await page.getByRole('button', { name: 'Save preset', exact: true }).click();
    await expect
      .poll(() => status(page))
      .toBe(
        'Could not save keep-me: the browser storage is full. It is kept only until this page closes; use Export preset to keep it.',
      );
    expect(await page.locator('#preset-status').getAttribute('class')).toContain('error');
    expect(await field(page, 'Preset').inputValue()).toBe('keep-me');
    expect((await recipe(page)).tempo).toBe(80);
    await full.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it('with storage unreadable or missing the page starts, says so, and Save preset says it could not save', async () => {
    const unreadable = await browser.newContext();
    await unreadable.addInitScript(() => {
      Storage.prototype.getItem = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    const second = await open(unreadable);
    expect(await second.evaluate(() => (document.getElementById('preset-panel') as HTMLDetailsElement).open)).toBe(
      true,
    );
    expect(await status(second)).toMatch(/^Your presets: your saved presets could not be read/);
    expect((await recipe(second)).preset).toBe(ballad.name);
    await unreadable.close();

    const none = await browser.newContext();
    await none.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    const third = await open(none);
    await openPanel(third);
    await field(third, 'Preset name').fill('keep-me');
    await third.getByRole('button', { name: 'Save preset', exact: true }).click();
    await expect.poll(() => status(third)).toMatch(/^Could not save keep-me: this browser keeps no storage here/);
    await none.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
