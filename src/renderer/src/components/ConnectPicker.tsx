import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n';
import { connectChoices, disconnectChoices, nodeAccessibleName } from '../lib/connectChoices';
import { useEditor } from '../store/editor';
import { useUi } from '../store/ui';
import { useToast } from './Toast';

/**
 * "Connect to…" (Ctrl+E) and "Disconnect…" (Ctrl+Shift+E) for the selected layer, from the
 * keyboard: a list to walk with ↑/↓, Enter to connect or disconnect (one undo step each, through
 * the editor's commands), Esc to close. Focus goes back where it was.
 */
export function ConnectPicker() {
  const picker = useUi((s) => s.connectPicker);
  const graph = useEditor((s) => s.doc.graph);
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const t = useT();
  const [index, setIndex] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const choices = useMemo(() => {
    if (!picker || !selected) return [];
    return picker === 'connect' ? connectChoices(graph, selected, t) : disconnectChoices(graph, selected, t);
  }, [picker, selected, graph, t]);

  // Before the next key press can arrive: the list has focus as soon as it is on screen.
  useLayoutEffect(() => {
    if (!picker) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setIndex(0);
    list.current?.focus();
  }, [picker]);

  if (!picker || !selected) return null;
  const close = () => {
    useUi.getState().setConnectPicker(null);
    const back = returnFocus.current;
    if (back?.isConnected) back.focus();
  };
  const choose = (i: number) => {
    const choice = choices[i];
    if (!choice || choice.refused) return;
    const editor = useEditor.getState();
    const result = picker === 'connect' ? editor.connect(selected, choice.id) : editor.disconnect(choice.id);
    // Connecting clears the selection; the layer stays selected so the next connection starts from it.
    if (picker === 'connect' && result.changed) editor.setSelection({ nodes: [selected], edges: [] });
    if (result.refused) useToast.getState().show(result.refused);
    else useToast.getState().show(picker === 'connect' ? t('connect.done', { connection: t('a11y.edge', { source: nodeAccessibleName(graph, selected, t), target: choice.label }) }) : t('connect.removed', { connection: choice.label }));
    close();
  };
  const source = nodeAccessibleName(graph, selected, t);
  const title = picker === 'connect' ? t('connect.title', { layer: source }) : t('connect.disconnectTitle', { layer: source });
  const active = choices[index];
  return (
    <div className="overlay" role="presentation" onMouseDown={close}>
      <div className="command-palette connect-picker" role="dialog" aria-modal="true" aria-label={title} onMouseDown={(e) => e.stopPropagation()} data-testid="connect-picker">
        <h2 className="connect-picker-title">{title}</h2>
        {choices.length === 0 && <p className="muted">{picker === 'connect' ? t('connect.noTargets') : t('connect.noConnections')}</p>}
        <ul
          ref={list}
          role="listbox"
          aria-label={title}
          tabIndex={0}
          aria-activedescendant={active ? `connect-choice-${index}` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(choices.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Home') setIndex(0);
            else if (e.key === 'End') setIndex(Math.max(0, choices.length - 1));
            else if (e.key === 'Enter' || e.key === ' ') choose(index);
            else if (e.key === 'Escape' || e.key === 'Tab') close();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
          data-testid="connect-list"
        >
          {choices.map((choice, i) => (
            <li
              key={choice.id}
              id={`connect-choice-${i}`}
              role="option"
              aria-selected={i === index}
              aria-disabled={choice.refused ? true : undefined}
              className={`${i === index ? 'active' : ''}${choice.refused ? ' disabled' : ''}`}
              onMouseEnter={() => setIndex(i)}
              onClick={() => choose(i)}
              data-testid={`connect-choice-${choice.id}`}
            >
              <span>{choice.label}</span>
              {choice.refused && <span className="small connect-refused">{choice.refused}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
