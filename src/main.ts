import './ui/noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import './ui/app.css';
import { startApp, startCorpusPanel } from './ui';
import { startTheme } from './ui/theme';

const theme = document.getElementById('theme');
if (theme instanceof HTMLSelectElement) startTheme(theme);
startApp();
const corpus = document.getElementById('corpus-panel');
if (corpus) startCorpusPanel(corpus);
