/** The URL of Tone.js's AudioWorklet code as a file of the site (written by vite.config.ts). */
declare module 'virtual:tone-worklets' {
  const url: string;
  export default url;
}
