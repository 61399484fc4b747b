import { describe, expect, it } from 'vitest';
import { composeEndless, pieceTicks } from '../../src/compose';
import { barTicks, PPQ } from '../../src/core';
import { type NoteTimes, Scheduler, type SchedulerSink } from '../../src/engine/play/scheduler';
import { SectionFeed } from '../../src/engine/play/sectionFeed';
import { type NoteEvent, tickSeconds } from '../../src/engine/play/timeline';
import type { SoundSpec } from '../../src/engine/sound';
import { builtinCorpus, composeOptions, findPreset, modelFor, presetSound } from '../../src/presets';

const preset = findPreset('folk-dance');
const corpus = preset && builtinCorpus(preset.corpus);
if (!preset || !corpus) throw new Error('missing folk-dance');
const model = modelFor(corpus, preset);
const options = composeOptions(preset, { preset: preset.name, seed: 3 });
const engine: SoundSpec = presetSound(preset);
const make = () => composeEndless(model, options, 3);

/** A sink that writes down what it is given, and honours cancels. */
class Recorder implements SchedulerSink {
  notes: { event: NoteEvent; times: NoteTimes }[] = [];
  beats: number[] = [];
  ends = 0;
  note(event: NoteEvent, times: NoteTimes) {
    this.notes.push({ event: { ...event }, times });
  }
  cancelAfter(time: number) {
    this.notes = this.notes.filter((n) => n.times.start < time);
  }
  beat(tick: number) {
    this.beats.push(tick);
  }
  end() {
    this.ends++;
  }
}

/** Feed + scheduler driven by fake time, with the page's deferred compose done between pumps. */
function rig() {
  const feed = new SectionFeed(make, engine);
  const sink = new Recorder();
  const scheduler = new Scheduler(feed.timeline, sink, feed);
  const deferred: (() => void)[] = [];
  let inPump = false;
  const stats = {
    maxHeld: 0,
    maxEvents: 0,
    urgent: 0,
    aheadTicks: [] as number[],
    bounds: new Map<number, number[]>(),
  };
  const more = feed.more.bind(feed);
  feed.more = () => {
    if (inPump) stats.urgent++;
    return more();
  };
  scheduler.start(0, 0);
  /** Pumps every 50 ms of fake time in [from, to). */
  const run = (from: number, to: number) => {
    for (let t = from; t < to; t += 0.05) {
      const position = scheduler.position(t);
      feed.update(position, (f) => deferred.push(f));
      inPump = true;
      scheduler.pump(t);
      inPump = false;
      for (const f of deferred.splice(0)) {
        stats.aheadTicks.push(feed.timeline.length - scheduler.position(t));
        f();
      }
      stats.maxHeld = Math.max(stats.maxHeld, feed.sections.length);
      stats.maxEvents = Math.max(stats.maxEvents, feed.timeline.events.length);
      for (const s of feed.sections) stats.bounds.set(s.index, [s.start, s.end]);
    }
  };
  return { feed, sink, scheduler, run, stats };
}

/** The first `n` sections of a fresh composer laid end to end: [track, tick, pitch] of each note. */
function reference(n: number): { notes: string[]; ends: number[] } {
  const endless = make();
  const notes: string[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const section = endless.next();
    section.tracks.forEach((t, k) => {
      for (const x of t.notes) notes.push(`${k}:${x.tick + at}:${x.pitch}`);
    });
    at += pieceTicks(section);
    ends.push(at);
  }
  return { notes: notes.sort(), ends };
}

describe('endless playback: sections fed to the scheduler (fake time)', () => {
  const perTick = tickSeconds(preset.tempo);

  it('plays section after section seamlessly, each note once, holding at most two sections', () => {
    const { feed, sink, run, stats } = rig();
    const sectionTicks = pieceTicks(feed.sections[0].piece);
    const sections = 7;
    const seconds = sections * sectionTicks * perTick;
    run(0, seconds);
    const heard = sections - 1; // whole sections whose notes have all been handed over
    const ref = reference(heard);
    // Boundaries: section k starts exactly where k − 1 ended, at the composer's own lengths.
    const bounds = [...stats.bounds.entries()].sort((a, b) => a[0] - b[0]);
    expect(bounds.length).toBeGreaterThanOrEqual(sections);
    bounds.forEach(([i, [start, end]]) => {
      expect(start).toBe(i === 0 ? 0 : bounds[i - 1][1][1]);
      if (i < heard) expect(end).toBe(ref.ends[i]);
    });
    // Every note of those sections handed over exactly once, at its place in the stream.
    const end = ref.ends[heard - 1];
    const given = sink.notes.filter((n) => n.event.tick < end);
    expect(given.map((n) => `${n.event.track}:${n.event.tick}:${n.event.pitch}`).sort()).toEqual(ref.notes);
    expect(new Set(sink.notes.map((n) => n.event.index)).size).toBe(sink.notes.length);
    for (const { event, times } of given) expect(times.start).toBeCloseTo(event.tick * perTick, 6);
    // Bar lines continue: a beat every beat, never a gap or a repeat, and the stream never ends.
    expect(sink.beats).toEqual(sink.beats.map((_, i) => i * PPQ));
    expect(sink.beats.length).toBeGreaterThan((end / PPQ) * 0.99);
    expect(sink.ends).toBe(0);
    // Bounded: two sections at most, and each composed a bar or more before it was needed.
    expect(stats.maxHeld).toBeLessThanOrEqual(2);
    expect(stats.urgent).toBe(0);
    expect(Math.min(...stats.aheadTicks)).toBeGreaterThanOrEqual(barTicks(preset.meter));
    expect(feed.timeline.events[0].tick).toBeGreaterThanOrEqual(feed.sections[0].start);
  });

  it('keeps memory bounded over many sections: events held stay under two sections worth', () => {
    const { feed, run, stats } = rig();
    const sectionTicks = pieceTicks(feed.sections[0].piece);
    const perSection = feed.timeline.events.length;
    run(0, 40 * sectionTicks * perTick);
    expect(feed.sections.at(-1)?.index).toBeGreaterThanOrEqual(39);
    expect(stats.maxHeld).toBe(2);
    expect(stats.maxEvents).toBeLessThan(3 * perSection);
    expect(feed.timeline.events.length).toBeLessThan(3 * perSection);
  });

  it('pauses, resumes and changes tempo across a boundary without losing or doubling a note', () => {
    const { feed, sink, scheduler, run } = rig();
    const sectionTicks = pieceTicks(feed.sections[0].piece);
    const boundary = sectionTicks * perTick;
    run(0, boundary - 0.5);
    const at = scheduler.stop(boundary - 0.5);
    scheduler.start(100, at);
    run(100, 100 + 0.3);
    scheduler.setTempo(preset.tempo * 1.5, 100.3);
    run(100.3, 100 + 3 * boundary);
    const ref = reference(2);
    const given = sink.notes.filter((n) => n.event.tick < ref.ends[1]);
    expect(given.map((n) => `${n.event.track}:${n.event.tick}:${n.event.pitch}`).sort()).toEqual(ref.notes);
    expect(feed.sections.length).toBeLessThanOrEqual(2);
  });

  it('starts again from the first section after reset (Stop), the same sections as before', () => {
    const { feed, sink, scheduler, run } = rig();
    const first = feed.timeline.events.map((e) => ({ ...e }));
    run(0, 3 * pieceTicks(feed.sections[0].piece) * perTick);
    scheduler.stop(50);
    feed.reset();
    scheduler.seek(0, 50);
    expect(feed.sections).toHaveLength(1);
    expect(feed.sections[0].index).toBe(0);
    expect(feed.timeline.events).toEqual(first);
    sink.notes = [];
    scheduler.start(60, 0);
    run(60, 61);
    expect(sink.notes[0].event.tick).toBe(first[0].tick);
  });
});
