import './ui/app.css';
import { startApp, startCorpusPanel } from './ui';

startApp();
const corpus = document.getElementById('corpus-panel');
if (corpus) startCorpusPanel(corpus);
