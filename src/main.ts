import './ui/app.css';
import { startApp, startCorpusPanel } from './ui';
import { startLanguage } from './ui/languageSelect';

startLanguage(); // first: the app writes its text in the chosen language

startApp();
const corpus = document.getElementById('corpus-panel');
if (corpus) startCorpusPanel(corpus);
