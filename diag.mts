import { launchChromium, serveBuiltApp } from './tests/helpers/browser';
import { pieceOfSeconds } from './tests/bench/browser/testPieces';
import { loadBuiltinCorpora } from './src/presets';
await loadBuiltinCorpora();
const server = await serveBuiltApp();
const browser = await launchChromium();
const page = await browser.newPage();
page.on('console', (m) => console.log('page:', m.text()));
await page.goto(server.url);
const { piece, options } = pieceOfSeconds(Number(process.argv[2] ?? 60), process.argv[3] ?? 'folk-dance');
const strip = (o: any, f: (e: any) => boolean) => ({ ...o, parts: Object.fromEntries(Object.entries(o.parts).map(([k, p]: any) => [k, { ...p, effects: (p.effects ?? []).filter(f) }])) });
const variants: Record<string, any> = {
  full: options,
  masterReverb: { ...strip(options, (e) => e.effect !== 'LightReverb'), master: { effects: [{ effect: 'LightReverb', options: { wet: 0.25 } }, { effect: 'Limiter', options: { threshold: -1 } }], volume: -2 } },
  masterReverbNoFx: { ...strip(options, () => false), master: { effects: [{ effect: 'LightReverb', options: { wet: 0.25 } }, { effect: 'Limiter', options: { threshold: -1 } }], volume: -2 } },
  toneReverb: { ...strip(options, () => false), master: { effects: [{ effect: 'Reverb', options: { decay: 2.2, wet: 0.25 } }, { effect: 'Limiter', options: { threshold: -1 } }], volume: -2 } },
  noTrackFx: strip(options, () => false),
  reverbOnly: strip(options, (e) => e.effect === 'LightReverb'),
  noReverb: strip(options, (e) => e.effect !== 'LightReverb'),
  noMaster: { ...options, master: { effects: [], volume: -2 } },
  bare: { ...strip(options, () => false), master: { effects: [], volume: -2 } },
};
for (const [name, sound] of Object.entries(variants)) {
  const r = await page.evaluate(async ({ piece, sound }) => {
    const engine = await (window as any).muse.offline();
    const t0 = performance.now();
    const res = await engine.renderPiece(piece, sound, () => {}, {});
    return { ms: performance.now() - t0, frames: res.frames, build: res.buildMs, mix: res.mixMs, clipped: res.clipped, chunkMs: res.chunkMs.slice(0, 4) };
  }, { piece, sound });
  console.log(name, (r.frames / 44100 / (r.ms / 1000)).toFixed(1) + 'x', JSON.stringify(r));
}
await browser.close(); await server.close();
