/// The UI language: Chinese or English. By default the UI follows the open draft's language (and, on
/// the sign-in page and the draft list, the browser's); a choice made in the language menu is
/// remembered in local storage and wins from then on.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import type { Language } from '../../../core/index.ts';
import { isLanguage } from '../../../core/index.ts';
import { resources } from './resources.ts';

/// The remembered choice: a language, or 'auto' to follow the draft.
export type LanguageChoice = Language | 'auto';

const storageKey = 'lifa.uiLanguage';

/// The i18next instance of the UI.
export const i18n = i18next.createInstance();

let draftLanguage: Language | null = null;

/// Start i18next with the zh and en resources, in the language `uiLanguage()` picks.
export function initI18n(): void {
  void i18n.init({
    resources,
    lng: uiLanguage(),
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage();
}

/// The remembered choice, 'auto' when none.
export function languageChoice(): LanguageChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : 'auto';
  } catch {
    return 'auto';
  }
}

/// The language the UI should show now: the remembered choice, else the open draft's, else the browser's.
export function uiLanguage(): Language {
  const choice = languageChoice();
  if (choice !== 'auto') return choice;
  if (draftLanguage) return draftLanguage;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/// Remember `choice` and switch to it ('auto': follow the draft again).
export function chooseLanguage(choice: LanguageChoice): void {
  try {
    if (choice === 'auto') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(uiLanguage()).then(applyDocumentLanguage);
}

/// Tell the UI which draft is open (null when none), so an unset choice follows its language.
export function followDraftLanguage(language: Language | null): void {
  draftLanguage = language;
  if (i18n.language !== uiLanguage()) void i18n.changeLanguage(uiLanguage()).then(applyDocumentLanguage);
}

function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined')
    document.documentElement.lang = i18n.language === 'zh' ? 'zh-CN' : 'en';
}

/// The translate function, re-rendering the component when the UI language changes.
export function useT(): TFunction {
  const [, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const onChange = (language: string) => setLanguage(language);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return i18n.t;
}
