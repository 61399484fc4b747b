import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The English strings of the page, found the simple way (no parser): what a translator must cover.
 *
 * - In src/ui/**\/*.ts: the first argument of every `t('…')` and `N_('…')` call written as a string
 *   literal in single or double quotes. A template literal there (`t(\`…\`)`) is reported as an
 *   error: keys must be fixed text, values go in `{placeholders}`. Calls with a variable (`t(label)`)
 *   are skipped: the variable holds a string marked with `N_('…')` where it is defined. Lines that
 *   start as comments (`//`, `*`) are skipped, so TSDoc examples are not keys.
 * - In index.html's <body>: each text between tags (trimmed, with at least one letter) and the
 *   attributes aria-label, title, placeholder and alt; elements with translate="no" (and their
 *   content) are left out, like translatePage leaves them.
 */
export interface UiStrings {
  /** English text → where it was found (first place). */
  strings: Map<string, string>;
  /** Calls the extraction cannot read (template literals as keys). */
  errors: string[];
}

const CALL = /(?<![\w.$])(?:t|N_)\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|(`))/g;
const unescapeQuoted = (s: string) => s.replace(/\\(.)/g, '$1');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The texts and translated attributes of an HTML document's body. */
export function htmlStrings(html: string): string[] {
  let body = html.slice(html.indexOf('<body'));
  body = body.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, '');
  // Elements marked translate="no", with their content (these are not nested in index.html).
  body = body.replace(/<(\w+)\b[^>]*\btranslate="no"[^>]*>[\s\S]*?<\/\1>/g, '');
  const found: string[] = [];
  for (const m of body.matchAll(/>([^<]+)</g)) {
    const text = decode(m[1]).trim();
    if (/\p{L}/u.test(text)) found.push(text);
  }
  for (const m of body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)) {
    const text = decode(m[1]).trim();
    if (/\p{L}/u.test(text)) found.push(text);
  }
  return found;
}

/** The keys of the t() / N_() calls in one TypeScript source, each with file:line; template literals as errors. */
export function tsStrings(source: string, file: string): { strings: [string, string][]; errors: string[] } {
  const strings: [string, string][] = [];
  const errors: string[] = [];
  for (const m of source.matchAll(CALL)) {
    const start = source.lastIndexOf('\n', m.index) + 1;
    if (/^\s*(\/\/|\/?\*)/.test(source.slice(start, m.index))) continue; // examples in comments
    const where = `${file}:${source.slice(0, m.index).split('\n').length}`;
    if (m[3]) errors.push(`${where}: a template literal as a key; use '…{name}…' and params`);
    else strings.push([unescapeQuoted(m[1] ?? m[2]), where]);
  }
  return { strings, errors };
}

/** Every English string of the page: t()/N_() keys in src/ui and the static text of index.html. */
export function uiStrings(root: string): UiStrings {
  const strings = new Map<string, string>();
  const errors: string[] = [];
  for (const file of tsFiles(join(root, 'src/ui'))) {
    const found = tsStrings(readFileSync(file, 'utf8'), file.slice(root.length + 1));
    errors.push(...found.errors);
    for (const [text, where] of found.strings) if (!strings.has(text)) strings.set(text, where);
  }
  for (const text of htmlStrings(readFileSync(join(root, 'index.html'), 'utf8')))
    if (!strings.has(text)) strings.set(text, 'index.html');
  return { strings, errors };
}
