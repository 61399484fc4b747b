/**
 * The size benchmark's baseline: the least a page that plays music with Tone.js ships — one synth,
 * one button. Built the same way as the app (vite build, the same target), never served.
 */
import * as Tone from 'tone';

document.getElementById('play')?.addEventListener('click', async () => {
  await Tone.start();
  new Tone.PolySynth(Tone.Synth).toDestination().triggerAttackRelease(['C4', 'E4', 'G4'], '8n');
});
