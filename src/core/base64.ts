/*
 * Bytes as base64 text and back, the same in Node and in the browser: the built-in models travel
 * in their corpus chunk this way, share links carry presets this way (base64url).
 */

const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array };

/** Bytes as base64 text. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its characters as arguments, of which there is a limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  return btoa(binary);
}

/** The bytes of base64 text (the browser's own decoder where it has one); throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
