import './ui/app.css';
import { startApp } from './ui';

startApp();
