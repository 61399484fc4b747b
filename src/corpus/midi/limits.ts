/**
 * The bounds every import stays within. Files come from users: each limit is stated in the error a
 * file that exceeds it gets, so the user knows what to change.
 */

/** Largest file accepted, in bytes (16 MiB). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Most events (of every kind, in all tracks together) read from one file. */
export const MAX_EVENTS = 2_000_000;
/** Most notes kept from one file. */
export const MAX_NOTES = 500_000;
/** Longest piece, in seconds at the file's own tempo (24 hours). */
export const MAX_SECONDS = 24 * 60 * 60;
/** Largest tick a note may reach once rescaled to the domain's PPQ (what the corpus format allows). */
export const MAX_TICKS = 2 ** 31 - 1;
/** Longest variable-length quantity, in bytes, the standard allows (values up to 0x0FFFFFFF). */
export const MAX_VLQ_BYTES = 4;
/** Most distinct warnings kept per file; the rest are summed up in one last line. */
export const MAX_WARNINGS = 40;

/** `n` with thousands separators, for messages: 2000000 → "2,000,000". */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
