/** The file name of a path without its folders and extension: "tunes/Jig 1.mid" → "Jig 1". */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? '';
  return name.replace(/\.(midi?|kar|rmi|smf)$/i, '') || name;
}

/**
 * A piece id from a file name: lower case letters, digits and hyphens ("Jig 1.mid" → "jig-1"),
 * "piece" when nothing is left.
 */
export function idFromFile(file: string): string {
  const id = baseName(file)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
  return id || 'piece';
}

/** The title: the first track's name, else its first text event, else the file name. */
export function titleOf(firstTrackName: string, firstText: string, file: string): string {
  return firstTrackName || firstText || baseName(file) || 'Untitled';
}
