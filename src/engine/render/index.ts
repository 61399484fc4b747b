/** The offline render: the live graph in chunks of OfflineAudioContexts, joined, and the WAV file. */
export * from './needs';
export * from './render';
export * from './wavRender';
