/// The cross-reference picker: a searchable list of the draft's articles (number, label or words), then
/// optionally one paragraph (款) and one item (项) of the chosen article. The reference stores the
/// article's id, so its label follows renumbering.
import { useMemo, useState } from 'preact/hooks';
import { citationLabel } from '../../../core/index.ts';
import type { Outline } from '../../../core/index.ts';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from './dialog.tsx';
import { firstWords } from './outline-entries.ts';
import { searchArticles } from './reference-search.ts';

/// Props of ReferencePicker.
export interface ReferencePickerProps {
  readonly outline: Outline;
  readonly onPick: (target: string, paragraph: number | null, item: number | null) => void;
  readonly onClose: () => void;
}

/// The picker dialog.
export function ReferencePicker({ outline, onPick, onClose }: ReferencePickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [paragraph, setParagraph] = useState(0);
  const [item, setItem] = useState(0);
  const matches = useMemo(() => searchArticles(outline.articles, query), [outline, query]);
  const chosen = matches[Math.min(active, matches.length - 1)] ?? null;
  const paragraphs = chosen?.paragraphs ?? [];
  const items = paragraph ? (paragraphs[paragraph - 1]?.items ?? []) : (paragraphs[0]?.items ?? []);
  const preview = chosen
    ? citationLabel(
        { article: chosen.number, paragraph: paragraph || null, item: item || null },
        outline.language,
      )
    : '';

  const choose = (index: number) => {
    setActive(index);
    setParagraph(0);
    setItem(0);
  };
  const insert = () => {
    if (chosen?.id) onPick(chosen.id, paragraph || null, item || null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min(matches.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1)));
      choose(next);
      document.getElementById(`ref-option-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      insert();
    }
  };

  const footer = (
    <>
      <span class="picker-preview" aria-live="polite" style={{ marginRight: 'auto' }}>
        {preview}
      </span>
      <button type="button" class="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" class="button primary" disabled={!chosen?.id} onClick={insert}>
        {t('picker.insert')}
      </button>
    </>
  );

  return (
    <Dialog
      title={t('picker.title')}
      onClose={onClose}
      footer={footer}
      wide
      initialFocus="input[name=reference-search]"
    >
      <input
        class="input"
        type="search"
        name="reference-search"
        aria-controls="ref-options"
        aria-activedescendant={chosen ? `ref-option-${active}` : undefined}
        aria-label={t('picker.search')}
        placeholder={t('picker.search')}
        value={query}
        onInput={(event) => {
          setQuery((event.currentTarget as HTMLInputElement).value);
          choose(0);
        }}
        onKeyDown={onKeyDown}
      />
      {/* Also a tab stop of its own, where ↑/↓ move through the articles as they do from the search
          field, so the keyboard can scroll it. */}
      <ul
        class="picker-list"
        id="ref-options"
        role="listbox"
        tabIndex={0}
        aria-label={t('picker.articles')}
        aria-activedescendant={chosen ? `ref-option-${active}` : undefined}
        onKeyDown={onKeyDown}
      >
        {matches.map((article, index) => (
          <li
            key={article.id ?? index}
            id={`ref-option-${index}`}
            class="picker-option"
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
            onDblClick={() => {
              choose(index);
              if (article.id) onPick(article.id, null, null);
            }}
          >
            <span class="label">{article.label}</span>{' '}
            <span class="muted">{firstWords(article.text, 60) || t('outline.empty')}</span>
          </li>
        ))}
        {matches.length === 0 && <li class="picker-option muted">{t('picker.noMatch')}</li>}
      </ul>
      <div class="row">
        <label class="field" style={{ flex: 1 }}>
          <span>{t('picker.paragraph')}</span>
          <select
            class="select"
            name="reference-paragraph"
            value={String(paragraph)}
            disabled={paragraphs.length < 2}
            onChange={(event) => {
              setParagraph(Number((event.currentTarget as HTMLSelectElement).value));
              setItem(0);
            }}
          >
            <option value="0">{t('picker.wholeArticle')}</option>
            {paragraphs.map((p, index) => (
              <option key={index} value={String(index + 1)}>
                {t('picker.paragraphN', { n: index + 1 })} {firstWords(p.text, 24)}
              </option>
            ))}
          </select>
        </label>
        <label class="field" style={{ flex: 1 }}>
          <span>{t('picker.item')}</span>
          <select
            class="select"
            name="reference-item"
            value={String(item)}
            disabled={items.length === 0}
            onChange={(event) => setItem(Number((event.currentTarget as HTMLSelectElement).value))}
          >
            <option value="0">{t('picker.noItem')}</option>
            {items.map((entry, index) => (
              <option key={index} value={String(index + 1)}>
                {entry.label} {firstWords(entry.text, 24)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Dialog>
  );
}
