import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { LAYERS } from '../../../shared/layers';
import type { LayerCategory, LayerDefinition } from '../../../shared/layers/types';
import { LAYER_DRAG_TYPE } from './Canvas';
import { useT } from '../i18n';
import { layerText } from '../lib/problemText';
import { addLayer } from '../lib/addLayer';
import { useUi } from '../store/ui';
import { withWordBreaks } from '../lib/wordBreaks';

const CATEGORY_ORDER: LayerCategory[] = ['Input', 'Preprocessing', 'Core', 'Activation', 'Regularization', 'Normalization', 'Reshaping', 'Merging', 'Convolution', 'Pooling'];

/**
 * The layer palette. Issue 17: a listbox for the keyboard as well as the mouse — Tab reaches the
 * search and then the list (one tab stop, roving tabindex); ↑/↓/Home/End move; Enter adds the
 * layer after the selected one and connects it (as double-click does); typing in the list goes to
 * the search; in the search, Enter adds the first match and ↓ goes to it. Drag and drop adds through the same `addLayer`.
 */
export function Palette() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const t = useT();
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const searchRequest = useUi((s) => s.layerSearchRequest);

  useEffect(() => {
    if (searchRequest === 0) return;
    search.current?.focus();
    search.current?.select();
  }, [searchRequest]);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Matches the type name, and the label and description in English and in the UI's language.
    const matches = LAYERS.filter((def) => {
      if (!q) return true;
      const { label, description } = layerText(def, t);
      return [def.type, def.label, def.description, label, description].some((text) => text.toLowerCase().includes(q));
    });
    const byCategory = new Map<LayerCategory, LayerDefinition[]>();
    for (const def of matches) byCategory.set(def.category, [...(byCategory.get(def.category) ?? []), def]);
    return CATEGORY_ORDER.filter((c) => byCategory.has(c)).map((c) => ({ category: c, layers: byCategory.get(c)! }));
  }, [query, t]);
  // The order the arrow keys walk: the groups' layers one after another, as shown.
  const flat = useMemo(() => groups.flatMap((g) => g.layers), [groups]);
  const current = Math.min(active, Math.max(0, flat.length - 1));

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(LAYER_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const focusItem = (index: number) => {
    setActive(index);
    list.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (flat.length === 0) return;
    if (event.key === 'Enter') {
      addLayer(flat[0].type);
      // Typing next replaces the query: search, Enter, search, Enter builds a chain.
      event.currentTarget.select();
    } else if (event.key === 'ArrowDown') focusItem(0);
    else return;
    event.preventDefault();
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = flat.length - 1;
    if (last < 0) return;
    if (event.key === 'ArrowDown') focusItem(Math.min(last, current + 1));
    else if (event.key === 'ArrowUp') {
      if (current === 0) search.current?.focus();
      else focusItem(current - 1);
    } else if (event.key === 'Home') focusItem(0);
    else if (event.key === 'End') focusItem(last);
    else if (event.key === 'Enter' || event.key === ' ') addLayer(flat[current].type);
    else {
      // Typing in the list searches: focus moves to the search field, which receives the key.
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) search.current?.focus();
      return;
    }
    event.preventDefault();
  };

  return (
    <aside className="palette" aria-label={t('palette.label')} data-testid="palette">
      <input
        ref={search}
        className="palette-search"
        type="search"
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
        aria-controls="palette-list"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onSearchKey}
        data-testid="palette-search"
      />
      <div className="palette-groups" id="palette-list" role="listbox" aria-label={t('palette.label')} ref={list} onKeyDown={onListKey} data-testid="palette-list">
        {groups.map(({ category, layers }) => (
          <div key={category} role="group" aria-labelledby={`palette-cat-${category}`}>
            <h3 id={`palette-cat-${category}`} role="presentation">
              {t(`palette.category.${category}`)}
            </h3>
            {layers.map((def) => {
              const index = flat.indexOf(def);
              const text = layerText(def, t);
              return (
                <div
                  key={def.type}
                  role="option"
                  aria-selected={index === current}
                  tabIndex={index === current ? 0 : -1}
                  data-index={index}
                  className={`palette-item cat-${def.category.toLowerCase()}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, def.type)}
                  onDoubleClick={() => addLayer(def.type)}
                  onFocus={() => setActive(index)}
                  title={`${text.label}: ${text.description}\n${t('palette.itemHint')}`}
                  data-testid={`palette-${def.type}`}
                >
                  {withWordBreaks(def.label)}
                </div>
              );
            })}
          </div>
        ))}
        {groups.length === 0 && (
          <p className="muted" role="presentation">
            {t('palette.noMatch', { query })}
          </p>
        )}
      </div>
      <div className="palette-shortcuts muted">
        <div>
          <kbd>Del</kbd> {t('palette.keys.delete')} · <kbd>Ctrl Z</kbd> {t('palette.keys.undo')} · <kbd>Ctrl Shift Z</kbd> {t('palette.keys.redo')}
        </div>
        <div>
          <kbd>Ctrl C/V/D/A</kbd> {t('palette.keys.clipboard')}
        </div>
        <div>
          <kbd>Ctrl S/O/N</kbd> {t('palette.keys.files')} · <kbd>Ctrl ⏎</kbd> {t('palette.keys.train')} · <kbd>Esc</kbd> {t('palette.keys.stop')} · <kbd>Shift 1</kbd> {t('palette.keys.fit')}
        </div>
        <div>
          <kbd>Ctrl I</kbd> {t('palette.keys.addLayer')} · <kbd>Ctrl E</kbd> {t('palette.keys.connect')} · <kbd>F6</kbd> {t('palette.keys.panes')}
        </div>
      </div>
    </aside>
  );
}
