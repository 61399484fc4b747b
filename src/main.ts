import './ui/noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import './ui/app.css';
import { useBuiltinCorpusChunks } from './presets';
import { startApp, startCorpusPanel, startTrainPanel, startUserModels } from './ui';
import { corpusChunks } from './ui/corpusChunks';
import { startLanguage } from './ui/languageSelect';
import { startTheme } from './ui/theme';

startLanguage(); // first: the app writes its text in the chosen language
useBuiltinCorpusChunks(corpusChunks); // the corpora with their presets' models, trained at build time

const theme = document.getElementById('theme');
if (theme instanceof HTMLSelectElement) startTheme(theme);
const app = startApp();
const status = document.getElementById('train-status');
const models = startUserModels(
  document.getElementById('model') as HTMLSelectElement,
  document.getElementById('model-delete') as HTMLButtonElement,
  {
    use: (choice) => app.useModel(choice),
    say: (text, isError = false) => {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle('error', isError);
    },
  },
  {
    open: document.getElementById('model-open') as HTMLInputElement,
    save: document.getElementById('model-save') as HTMLButtonElement,
  },
);
app.useModelLibrary(models);
const corpus = document.getElementById('corpus-panel');
if (corpus) {
  const training = startTrainPanel(corpus, (trained) => models.add(trained));
  startCorpusPanel(corpus, (pieces) => training.setPieces(pieces));
}
