/// The renderer's entry point: styles, the UI language, then the application on the platform's host.
import { render } from 'preact';
import './styles/app.css';
import './styles/editor.css';
import './styles/numbering.css';
import './styles/compare.css';
import './styles/clerk.css';
import './styles/comments.css';
import './styles/everyday.css';
import './styles/print.css';
import './styles/suggestions.css';
import './styles/record.css';
import { App } from './app/app.tsx';
import { currentHost } from './host.ts';
import { initI18n } from './i18n/i18n.ts';

initI18n();
render(<App host={currentHost()} />, document.getElementById('app')!);
