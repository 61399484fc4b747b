/**
 * German, keyed by the exact English text (trimmed) of index.html and of the `t('…')` / `N_('…')`
 * calls in src/ui. `{name}` placeholders must stay as they are. Informal "du", as the English
 * imperatives ("Pick a style") read. Musical values stay English where they are data: chord symbols,
 * roman numerals, note names (B, not H), intro/outro in a form; mode labels are German.
 * tests/unit/i18n-coverage.test.ts fails on a missing entry, an entry that loses a placeholder, and
 * two English texts with the same German (switching back to English would be ambiguous).
 */
export const de: Readonly<Record<string, string>> = {
  // index.html: header and settings
  'Music from Markov models of harmony and melody. Pick a style, press Play, export MIDI or WAV.':
    'Musik aus Markow-Modellen von Harmonie und Melodie. Wähle einen Stil, drücke Abspielen, exportiere MIDI oder WAV.',
  Language: 'Sprache (Language)',
  'Piece settings': 'Einstellungen des Stücks',
  Preset: 'Voreinstellung',
  Seed: 'Startwert',
  'New random seed': 'Neuer zufälliger Startwert',
  'New random seed (D)': 'Neuer zufälliger Startwert (D)',
  Tempo: 'Tempo',
  bpm: 'bpm',
  Bars: 'Takte',
  Key: 'Tonart',
  Mode: 'Modus',
  Meter: 'Taktart',
  Form: 'Form',
  'letters A–Z, optional intro and outro': 'Buchstaben A–Z, optional intro und outro',
  Novelty: 'Neuheit',
  'temperature: higher is more surprising': 'Temperatur: höher ist überraschender',
  'Originality limit': 'Originalitätsgrenze',
  'longest melody run copied from the corpus, in notes': 'längste aus dem Korpus kopierte Melodiefolge, in Noten',
  // index.html: transport and export
  Transport: 'Wiedergabe',
  Play: 'Abspielen',
  Pause: 'Pause',
  Stop: 'Stopp',
  Loop: 'Schleife',
  'Loop the whole piece': 'Das ganze Stück wiederholen',
  Endless: 'Endlos',
  'Play section after section, each composed while the one before plays, for as long as you listen (Loop does not apply; exports stay the piece)':
    'Teil um Teil spielen, jeder komponiert, während der vorige spielt, so lange du zuhörst (Schleife gilt nicht; Exporte bleiben das Stück)',
  Regenerate: 'Neu erzeugen',
  'Export MIDI': 'MIDI exportieren',
  'Export WAV': 'WAV exportieren',
  'WAV export progress': 'Fortschritt des WAV-Exports',
  'Cancel WAV export': 'WAV-Export abbrechen',
  'Output level': 'Ausgangspegel',
  Position: 'Position',
  'bar.beat': 'Takt.Schlag',
  'More export options': 'Weitere Exportoptionen',
  'From bar': 'Ab Takt',
  'To bar': 'Bis Takt',
  'Quantized (no swing or timing humanization)': 'Quantisiert (ohne Swing und ohne Timing-Schwankungen)',
  'One file per track': 'Eine Datei pro Spur',
  'Export MIDI with these options': 'MIDI mit diesen Optionen exportieren',
  'Export JSON': 'JSON exportieren',
  'Copy share link': 'Link zum Teilen kopieren',
  'Share link': 'Link zum Teilen',
  'Piano roll of the piece': 'Pianorolle des Stücks',
  // index.html: mixer, MIDI output, corpus
  Mixer: 'Mischpult',
  'MIDI output': 'MIDI-Ausgang',
  Off: 'Aus',
  'Built-in synths': 'Eingebaute Synthesizer',
  'Your corpus': 'Dein Korpus',
  'Drop MIDI files or folders here, or pick them: they are read on this device, in the background, and never uploaded.':
    'Lege MIDI-Dateien oder Ordner hier ab oder wähle sie aus: Sie werden auf diesem Gerät im Hintergrund gelesen und nie hochgeladen.',
  'Import MIDI files': 'MIDI-Dateien importieren',
  'Import a folder': 'Ordner importieren',
  'Import progress': 'Fortschritt des Imports',
  'Cancel import': 'Import abbrechen',
  // app.ts: status line
  '{field} must be a whole number from {min} to {max}.': '{field} muss eine ganze Zahl von {min} bis {max} sein.',
  '{track} ({count} notes)': '{track} ({count} Noten)',
  '{bars} bars in {key} {mode}, {meter}, {tempo} bpm.': '{bars} Takte in {key} {mode}, {meter}, {tempo} bpm.',
  'Exported {file}.': '{file} exportiert.',
  'This share link cannot be opened: {reason}.': 'Dieser Link zum Teilen lässt sich nicht öffnen: {reason}.',
  '{preset} (shared)': '{preset} (geteilt)',
  // Modes (labels; the values stay English) and tracks
  major: 'Dur',
  minor: 'Moll',
  dorian: 'Dorisch',
  phrygian: 'Phrygisch',
  lydian: 'Lydisch',
  mixolydian: 'Mixolydisch',
  locrian: 'Lokrisch',
  Melody: 'Melodie',
  Chords: 'Akkorde',
  Bass: 'Bass',
  Drums: 'Schlagzeug',
  Other: 'Andere',
  // generationPanel.ts
  'letters A–Z, optionally "intro " first and " outro" last':
    'Buchstaben A–Z, optional „intro “ am Anfang und „ outro“ am Ende',
  'a number from 0.1 to 3': 'eine Zahl von 0,1 bis 3',
  'a whole number from 2 to 32': 'eine ganze Zahl von 2 bis 32',
  '{field} {value} is not allowed: {reason}.': '{field} {value} ist nicht erlaubt: {reason}.',
  'A trained model carries the originality limit it was trained with.':
    'Ein trainiertes Modell bringt die Originalitätsgrenze mit, mit der es trainiert wurde.',
  // corpusPanel.ts, importQueue.ts
  '{done} of {total}': '{done} von {total}',
  '1 piece imported': '1 Stück importiert',
  '{count} pieces imported': '{count} Stücke importiert',
  '1 file refused': '1 Datei abgelehnt',
  '{count} files refused': '{count} Dateien abgelehnt',
  '{imported}.': '{imported}.',
  '{imported}, {refused}.': '{imported}, {refused}.',
  '— {key}, {meter}, {tempo} bpm, {notes} notes ({roles}), {chords} chords':
    '— {key}, {meter}, {tempo} bpm, {notes} Noten ({roles}), {chords} Akkorde',
  '— {reason}': '— {reason}',
  failed: 'fehlgeschlagen',
  Pieces: 'Stücke',
  Notes: 'Noten',
  Duration: 'Dauer',
  '{minutes} min {seconds} s': '{minutes} min {seconds} s',
  Keys: 'Tonarten',
  Meters: 'Taktarten',
  Tempos: 'Tempi',
  '{min}–{max} bpm (median {median})': '{min}–{max} bpm (Median {median})',
  none: 'keine',
  Licences: 'Lizenzen',
  'Pitch classes: {shares}': 'Tonklassen: {shares}',
  'What the model would learn from': 'Woraus das Modell lernen würde',
  'Pitch classes': 'Tonklassen',
  Warnings: 'Warnungen',
  '{file}: {size} bytes is over the limit of {limit}': '{file}: {size} Bytes sind über der Grenze von {limit}',
  '{file}: the importer stopped ({reason})': '{file}: Der Import brach ab ({reason})',
  'out of memory?': 'Speicher voll?',
  '{file}: cancelled': '{file}: abgebrochen',
  '{file}: took longer than {seconds} s, so it was stopped':
    '{file}: dauerte länger als {seconds} s und wurde deshalb gestoppt',
  // endless.ts, exportMenu.ts, transport.ts, wavExport.ts
  'Endless: Play composes section after section while the one before plays.':
    'Endlos: Abspielen komponiert Teil um Teil, während der vorige spielt.',
  'Endless off: Play plays the piece.': 'Endlos aus: Abspielen spielt das Stück.',
  'Endless: section {number} ({label}).': 'Endlos: Teil {number} ({label}).',
  'The range must be whole bars from 1 to {bars}, the first not after the last.':
    'Der Bereich muss ganze Takte von 1 bis {bars} umfassen, der erste nicht nach dem letzten.',
  'The share link is copied: it opens this piece exactly.':
    'Der Link zum Teilen ist kopiert: Er öffnet genau dieses Stück.',
  'Copy the share link from the field (the browser did not allow copying).':
    'Kopiere den Link zum Teilen aus dem Feld (der Browser hat das Kopieren nicht erlaubt).',
  'Audio was paused by the browser: click anywhere to resume.':
    'Der Browser hat den Ton angehalten: Klicke irgendwo, um fortzufahren.',
  'Audio was interrupted by the system; it resumes when it can.':
    'Das System hat den Ton unterbrochen; er setzt wieder ein, sobald es geht.',
  'Could not start audio: {reason}': 'Der Ton ließ sich nicht starten: {reason}',
  'Rendering {file}…': 'Berechne {file}…',
  'Rendering {file}… {percent} %': 'Berechne {file}… {percent} %',
  'Exported {file}: {seconds} s of audio, rendered in {took} s ({speed}× realtime).':
    '{file} exportiert: {seconds} s Audio, berechnet in {took} s ({speed}× Echtzeit).',
  'WAV export cancelled.': 'WAV-Export abgebrochen.',
  'Could not render the WAV file: {reason}': 'Die WAV-Datei ließ sich nicht berechnen: {reason}',
  // midiOutput.ts
  'No MIDI outputs found.': 'Keine MIDI-Ausgänge gefunden.',
  'This browser has no Web MIDI: the built-in synths play.':
    'Dieser Browser hat kein Web MIDI: Die eingebauten Synthesizer spielen.',
  'Looking for MIDI outputs…': 'Suche MIDI-Ausgänge…',
  'MIDI output is not allowed here: the built-in synths play.':
    'MIDI-Ausgabe ist hier nicht erlaubt: Die eingebauten Synthesizer spielen.',
  'MIDI output is not available here: the built-in synths play.':
    'MIDI-Ausgabe ist hier nicht verfügbar: Die eingebauten Synthesizer spielen.',
  // mixer.ts
  '{track} volume': '{track} Lautstärke',
  Volume: 'Lautstärke',
  '{track} pan': '{track} Panorama',
  Pan: 'Panorama',
  centre: 'Mitte',
  '{percent}% left': '{percent} % links',
  '{percent}% right': '{percent} % rechts',
  'Mute {track}': '{track} stumm',
  Mute: 'Stumm',
  'Solo {track}': '{track} solo',
  Solo: 'Solo',
  // presetEditor.ts, userPresets.ts
  'Use {name}': '{name} verwenden',
  'Beats per bar': 'Schläge pro Takt',
  'Beat unit': 'Notenwert des Schlags',
  '{field}: {part}': '{field}: {part}',
  'your saved presets could not be read ({reason})':
    'deine gespeicherten Voreinstellungen ließen sich nicht lesen ({reason})',
  'your saved presets are damaged and were not loaded':
    'deine gespeicherten Voreinstellungen sind beschädigt und wurden nicht geladen',
  '1 saved preset was invalid and left out': '1 gespeicherte Voreinstellung war ungültig und wurde ausgelassen',
  '{count} saved presets were invalid and left out':
    '{count} gespeicherte Voreinstellungen waren ungültig und wurden ausgelassen',
  'this browser keeps no storage here (private mode?)': 'dieser Browser speichert hier nichts (privater Modus?)',
  'the browser storage is full': 'der Browserspeicher ist voll',
  'the browser refused to store it ({reason})': 'der Browser hat das Speichern abgelehnt ({reason})',
};
