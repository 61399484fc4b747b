import { describe, expect, it } from 'vitest';
import { PPQ } from '../../src/core';
import { MIDI_AHEAD, MidiOut, type MidiPort } from '../../src/engine/play/midiOut';
import { HORIZON, MARGIN, type NoteTimes, Scheduler, type SchedulerSink } from '../../src/engine/play/scheduler';
import { type NoteEvent, timelineOf } from '../../src/engine/play/timeline';
import { resolveSound } from '../../src/engine/sound';
import { tinyOptions, tinyPiece } from '../bench/browser/testPieces';

/** A sink that writes down what it is given, and honours cancels. */
class Recorder implements SchedulerSink {
  notes: { event: NoteEvent; times: NoteTimes }[] = [];
  beats: { tick: number; time: number }[] = [];
  ends: number[] = [];
  note(event: NoteEvent, times: NoteTimes) {
    this.notes.push({ event, times });
  }
  cancelAfter(time: number) {
    this.notes = this.notes.filter((n) => n.times.start < time);
  }
  beat(tick: number, time: number) {
    this.beats.push({ tick, time });
  }
  end(time: number) {
    this.ends.push(time);
  }
}

const piece = tinyPiece(); // 4 bars of 4/4 at 120 bpm: 8 s, a beat every 0.5 s
const sound = resolveSound(piece, tinyOptions());
const timeline = timelineOf(piece);

/** Pumps every 50 ms of fake time from `from` to `to`. */
const run = (s: Scheduler, from: number, to: number) => {
  for (let t = from; t <= to + 1e-9; t += 0.05) s.pump(t);
};

describe('the lookahead scheduler (fake time)', () => {
  it('hands over each note once, in order, at its time — and never more than the horizon ahead', () => {
    const sink = new Recorder();
    const s = new Scheduler(timeline, sink);
    s.start(10, 0);
    expect(s.horizon).toBe(HORIZON.max); // a bar is 2 s at 120 bpm
    for (let t = 10; t <= 20; t += 0.05) {
      s.pump(t);
      for (const n of sink.notes) expect(n.times.start).toBeLessThan(t + s.horizon + 0.01);
    }
    expect(sink.notes.map((n) => n.event.index)).toEqual(timeline.events.map((e) => e.index));
    for (const { event, times } of sink.notes) {
      expect(times.start).toBeCloseTo(10 + event.tick / (2 * PPQ), 9);
      expect(times.off).toBeCloseTo(10 + (event.tick + event.duration) / (2 * PPQ), 9);
    }
    expect(sink.ends).toHaveLength(1);
    expect(sink.ends[0]).toBeCloseTo(18, 9);
    expect(sink.beats.map((b) => b.tick)).toEqual(Array.from({ length: 16 }, (_, i) => i * PPQ));
    expect(s.position(14)).toBeCloseTo(4 * 2 * PPQ, 6);
    expect(s.position(30)).toBe(timeline.length);
  });

  it('changes tempo at once: notes not started are scheduled again at the new tempo', () => {
    const sink = new Recorder();
    const s = new Scheduler(timeline, sink);
    s.start(0, 0);
    run(s, 0, 1.9);
    s.setTempo(240, 2);
    run(s, 2, 10);
    // Beat 4 (tick 1920) played at 2 s; from 2.02 s on, a beat lasts 0.25 s.
    const at = (tick: number) => sink.notes.find((n) => n.event.tick === tick && n.event.track === 0)?.times.start;
    expect(at(3 * PPQ)).toBeCloseTo(1.5, 9);
    expect(at(5 * PPQ)).toBeCloseTo(2 + MARGIN + (5 * PPQ - s.position(2 + MARGIN) + 0) * (60 / (240 * PPQ)), 6);
    expect(at(15 * PPQ)! - at(14 * PPQ)!).toBeCloseTo(0.25, 9);
    // No note lost or doubled.
    expect(sink.notes.map((n) => n.event.index).sort((a, b) => a - b)).toEqual(timeline.events.map((e) => e.index));
    expect(sink.ends).toHaveLength(1);
  });

  it('loops a range: the notes come round again and the end never comes', () => {
    const sink = new Recorder();
    const s = new Scheduler(timeline, sink);
    s.setLoop({ start: 0, end: 4 * PPQ }, 0); // the first bar: 2 s
    s.start(0, 0);
    run(s, 0, 7);
    const melody = sink.notes.filter((n) => n.event.track === 0);
    expect(melody.map((n) => n.event.tick).slice(0, 9)).toEqual([0, 480, 960, 1440, 0, 480, 960, 1440, 0]);
    expect(melody[4].times.start).toBeCloseTo(2, 9);
    expect(sink.ends).toEqual([]);
    expect(s.position(7.5)).toBeCloseTo(3 * PPQ, 6); // 1.5 s into the pass that began at 6 s
    s.setLoop(undefined, 7);
    run(s, 7, 20);
    expect(sink.ends).toHaveLength(1);
  });

  it('stops, pauses and seeks: what has not started is cancelled', () => {
    const sink = new Recorder();
    const s = new Scheduler(timeline, sink);
    s.start(0, 0);
    run(s, 0, 1);
    const at = s.stop(1);
    expect(at).toBeCloseTo(2 * PPQ, 6);
    expect(sink.notes.every((n) => n.times.start < 1)).toBe(true);
    expect(s.position(5)).toBeCloseTo(2 * PPQ, 6);
    s.start(5, at);
    run(s, 5, 5.5);
    expect(sink.notes.filter((n) => n.times.start >= 5)[0].event.tick).toBe(2 * PPQ);
    s.seek(8 * PPQ, 5.5);
    expect(s.position(5.5 + MARGIN)).toBeCloseTo(8 * PPQ, 6);
  });
});

describe('MIDI output (a fake port)', () => {
  it('sends programs, then each track on its own channel with timestamps, only just ahead of time', () => {
    const sent: { data: number[]; at?: number }[] = [];
    const port: MidiPort = { send: (data, at) => sent.push({ data: [...data], at }) };
    const midi = new MidiOut(port, sound.tracks, (t) => t * 1000 + 5000);
    midi.programs();
    expect(sent.map((m) => m.data)).toEqual([
      [0xc0, 73],
      [0xc1, 0],
      [0xc2, 32],
    ]);
    sent.length = 0;
    const s = new Scheduler(timeline, midi);
    s.start(0, 0);
    midi.pump(0);
    // The scheduler works a bar ahead; the port only gets the next MIDI_AHEAD seconds.
    expect(midi.pending).toBeGreaterThan(0);
    for (const m of sent) expect(m.at!).toBeLessThan(5000 + MIDI_AHEAD * 1000 + 1e-6);
    for (let t = 0; t <= 12; t += 0.05) {
      s.pump(t);
      midi.pump(t);
    }
    const ons = sent.filter((m) => (m.data[0] & 0xf0) === 0x90);
    const offs = sent.filter((m) => (m.data[0] & 0xf0) === 0x80);
    expect(ons).toHaveLength(timeline.events.length);
    expect(offs).toHaveLength(timeline.events.length);
    const channels = new Set(ons.map((m) => m.data[0] & 0x0f));
    expect([...channels].sort()).toEqual([0, 1, 2, 9]);
    const drums = ons.filter((m) => (m.data[0] & 0x0f) === 9).map((m) => m.data[1]);
    expect(drums.every((p) => p >= 35 && p <= 81)).toBe(true);
    for (let i = 1; i < sent.length; i++) expect(sent[i].at!).toBeGreaterThanOrEqual(sent[i - 1].at! - 1e-6);
    expect(ons[0]).toEqual({ data: [0x90 | 0, 72, 80], at: 5000 });
  });

  it('stops at once: forgets queued notes, ends sounding ones, says all notes off; muted tracks send nothing', () => {
    const sent: number[][] = [];
    const midi = new MidiOut(
      { send: (data) => sent.push([...data]) },
      sound.tracks,
      (t) => t * 1000,
      (track) => track !== 0,
    );
    const s = new Scheduler(timeline, midi);
    s.start(0, 0);
    for (let t = 0; t <= 1; t += 0.05) {
      s.pump(t);
      midi.pump(t);
    }
    expect(sent.some((m) => (m[0] & 0x0f) === 0)).toBe(false); // melody muted
    sent.length = 0;
    s.stop(1);
    midi.silence();
    expect(midi.pending).toBe(0);
    expect(sent.filter((m) => (m[0] & 0xf0) === 0x90)).toEqual([]);
    const allOff = sent.filter((m) => (m[0] & 0xf0) === 0xb0 && m[1] === 123).map((m) => m[0] & 0x0f);
    expect(allOff.sort()).toEqual([0, 1, 2, 9]);
    expect(sent.filter((m) => (m[0] & 0xf0) === 0x80).length).toBeGreaterThan(0);
  });
});
