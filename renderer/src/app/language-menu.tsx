/// The UI language switch: follow the draft (default), 中文, or English. The choice is remembered.
import { useState } from 'preact/hooks';
import { chooseLanguage, languageChoice, useT } from '../i18n/i18n.ts';
import type { LanguageChoice } from '../i18n/i18n.ts';

/// The language select of the top bar.
export function LanguageMenu() {
  const t = useT();
  const [choice, setChoice] = useState<LanguageChoice>(languageChoice());
  return (
    <label class="language-menu">
      <span class="visually-hidden">{t('language.label')}</span>
      <select
        class="select"
        name="ui-language"
        value={choice}
        onChange={(event) => {
          const value = (event.currentTarget as HTMLSelectElement).value as LanguageChoice;
          setChoice(value);
          chooseLanguage(value);
        }}
      >
        <option value="auto">{t('language.auto')}</option>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
