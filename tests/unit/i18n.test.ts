import { afterEach, describe, expect, it } from 'vitest';
import {
  fill,
  fixed,
  formatNumber,
  language,
  N_,
  onLanguageChange,
  render,
  setLanguage,
  sourceOf,
  t,
} from '../../src/ui/i18n';
import { modeName, trackName } from '../../src/ui/i18n/terms';
import { initialLanguage } from '../../src/ui/languageSelect';

afterEach(() => setLanguage('en'));

describe('t()', () => {
  it('is English by default and German when chosen', () => {
    expect(language()).toBe('en');
    expect(t('Play')).toBe('Play');
    setLanguage('de');
    expect(t('Play')).toBe('Abspielen');
    expect(t('Preset')).toBe('Voreinstellung');
  });

  it('fills {placeholders} with text, integers and fixed-point numbers in the language’s format', () => {
    const params = { bars: 8, key: 'Eb', mode: 'dorian', meter: '6/8', tempo: 120 };
    expect(t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm.', params)).toBe('8 bars in Eb dorian, 6/8, 120 bpm.');
    setLanguage('de');
    expect(t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm.', { ...params, mode: modeName('dorian') })).toBe(
      '8 Takte in Eb Dorisch, 6/8, 120 bpm.',
    );
    expect(fill('{a} of {b}, {a}', { a: 1, b: 'x' })).toBe('1 of x, 1');
    expect(fill('{seconds} s', { seconds: fixed(12.345, 1) })).toBe('12,3 s');
    expect(formatNumber(1.5, 2)).toBe('1,50');
    setLanguage('en');
    expect(fill('{seconds} s', { seconds: fixed(12.345, 1) })).toBe('12.3 s');
  });

  it('leaves an unknown placeholder as it is and does not read inherited names', () => {
    expect(fill('{a} {missing} {toString}', { a: 'x' })).toBe('x {missing} {toString}');
  });

  it('falls back to the English for a string without German', () => {
    setLanguage('de');
    expect(t('A string nobody translated, {n} times', { n: 3 })).toBe('A string nobody translated, 3 times');
    expect(N_('Melody')).toBe('Melody'); // a marker: no translation at definition
    expect(t(N_('Melody'))).toBe('Melodie');
  });

  it('returns plain text: markup in params is not interpreted, only put in as characters', () => {
    setLanguage('de');
    const file = '<img src=x onerror=alert(1)>.mid';
    const text = t('Exported {file}.', { file });
    expect(text).toBe('<img src=x onerror=alert(1)>.mid exportiert.');
    expect(typeof text).toBe('string'); // callers set textContent: the "<img" stays text on the page
  });

  it('keeps chord symbols and note names: B stays B (no German H)', () => {
    setLanguage('de');
    expect(
      t('{bars} bars in {key} {mode}, {meter}, {tempo} bpm.', {
        bars: 4,
        key: 'B',
        mode: modeName('major'),
        meter: '4/4',
        tempo: 90,
      }),
    ).toBe('4 Takte in B Dur, 4/4, 90 bpm.');
    expect(modeName('blues')).toBe('blues');
    expect(trackName('melody')).toBe('Melodie');
    expect(trackName('lead')).toBe('Lead');
  });

  it('tells listeners about a change of language, once per change', () => {
    const heard: string[] = [];
    const stop = onLanguageChange((l) => heard.push(l));
    setLanguage('de');
    setLanguage('de');
    setLanguage('en');
    stop();
    setLanguage('de');
    expect(heard).toEqual(['de', 'en']);
  });

  it('re-makes a shown text in the other language, params included (what a switch without reload uses)', () => {
    setLanguage('de');
    const shown = t('{track} volume', { track: trackName('melody') });
    expect(shown).toBe('Melodie Lautstärke');
    setLanguage('en');
    const source = sourceOf(shown);
    expect(source?.key).toBe('{track} volume');
    expect(source && render(source)).toBe('Melody volume');
    expect(sourceOf('Abspielen')).toEqual({ key: 'Play' });
    expect(sourceOf('some file.mid')).toBeUndefined();
    const summary = t('{imported}, {refused}.', {
      imported: t('{count} pieces imported', { count: 12 }),
      refused: t('1 file refused'),
    });
    setLanguage('de');
    expect(render(sourceOf(summary)!)).toBe('12 Stücke importiert, 1 Datei abgelehnt.');
  });
});

describe('the starting language', () => {
  it('is the stored choice, else German for a German browser, else English', () => {
    expect(initialLanguage(null, 'en-US')).toBe('en');
    expect(initialLanguage(null, 'de-DE')).toBe('de');
    expect(initialLanguage(null, 'de')).toBe('de');
    expect(initialLanguage(null, 'de-AT')).toBe('de');
    expect(initialLanguage(null, 'fr-FR')).toBe('en');
    expect(initialLanguage(null, undefined)).toBe('en');
    expect(initialLanguage('en', 'de-DE')).toBe('en');
    expect(initialLanguage('de', 'en-US')).toBe('de');
    expect(initialLanguage('klingon', 'en-US')).toBe('en');
  });
});
