import { useEffect, useMemo, useRef, useState } from 'react';
import { ACTIONS } from '../../../shared/actions';
import { ACTION_IMPLS, actionLabel, actionShortcut, runAction } from '../actions';
import { translator, useT } from '../i18n';
import { useUi } from '../store/ui';

// English names find an action in any language ("save" in the Chinese UI).
const english = translator('en');

type PaletteAction = (typeof ACTIONS)[number] & { id: Exclude<(typeof ACTIONS)[number]['id'], 'open-file'> };

/**
 * Every action of the table by name (Ctrl+Shift+P or F1, as in VS Code): the browser host has no
 * native menu, and this reaches every menu item from the keyboard. Type to filter, ↑/↓ to pick,
 * Enter to run, Esc to close.
 */
export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const close = () => useUi.getState().setPaletteOpen(false);
  const t = useT();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const items = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (ACTIONS.filter((a) => a.id !== 'command-palette') as PaletteAction[])
      .map((a) => ({ spec: a, label: actionLabel(a.id), enabled: ACTION_IMPLS[a.id].enabled?.() ?? true }))
      .filter((item) => !q || item.label.toLowerCase().includes(q) || english(`action.${item.spec.id}`).toLowerCase().includes(q) || item.spec.id.includes(q));
    // Labels follow the language; `t` changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, open, t]);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setIndex(0);
    requestAnimationFrame(() => input.current?.focus());
  }, [open]);

  if (!open) return null;
  const run = (i: number) => {
    const item = items[i];
    if (!item || !item.enabled) return;
    close();
    runAction(item.spec.id);
  };
  return (
    <div className="overlay" role="presentation" onMouseDown={close}>
      <div className="command-palette" role="dialog" aria-modal="true" aria-label={t('commands.label')} onMouseDown={(e) => e.stopPropagation()} data-testid="command-palette">
        <input
          ref={input}
          value={query}
          placeholder={t('commands.placeholder')}
          aria-label={t('commands.placeholder')}
          role="combobox"
          aria-expanded="true"
          aria-autocomplete="list"
          aria-controls="command-list"
          aria-activedescendant={items[index] ? `command-option-${items[index].spec.id}` : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(items.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') run(index);
            else if (e.key === 'Escape') close();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
          data-testid="command-input"
        />
        <ul id="command-list" role="listbox" aria-label={t('commands.label')} tabIndex={-1}>
          {items.length === 0 && (
            <li className="muted" role="option" aria-selected={false} aria-disabled="true">
              {t('commands.none')}
            </li>
          )}
          {items.map((item, i) => (
            <li
              key={item.spec.id}
              id={`command-option-${item.spec.id}`}
              role="option"
              aria-selected={i === index}
              aria-disabled={!item.enabled}
              className={`${i === index ? 'active' : ''}${item.enabled ? '' : ' disabled'}`}
              onMouseEnter={() => setIndex(i)}
              onClick={() => run(i)}
              data-testid={`command-${item.spec.id}`}
            >
              <span>{item.label}</span>
              <span className="muted small">{item.enabled ? actionShortcut(item.spec) : t('commands.disabled')}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
