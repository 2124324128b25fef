import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { LAYERS } from '../../../shared/layers';
import type { LayerCategory, LayerDefinition } from '../../../shared/layers/types';
import { useEditor } from '../store/editor';
import { LAYER_DRAG_TYPE } from './Canvas';
import { useT } from '../i18n';
import { layerText } from '../lib/problemText';

const CATEGORY_ORDER: LayerCategory[] = ['Input', 'Preprocessing', 'Core', 'Activation', 'Regularization', 'Normalization', 'Reshaping', 'Merging', 'Convolution', 'Pooling'];

export function Palette() {
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();
  const t = useT();

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

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(LAYER_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addAfterSelection = (type: string) => {
    const state = useEditor.getState();
    const afterId = state.selection.nodes[state.selection.nodes.length - 1];
    const after = state.doc.graph.nodes.find((n) => n.id === afterId);
    let position;
    if (after) {
      const width = state.sizes[after.id]?.width ?? 180;
      position = { x: after.position.x + width + 60, y: after.position.y };
    } else {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
      const p = screenToFlowPosition(centre);
      position = { x: Math.round(p.x - 85 + state.doc.graph.nodes.length * 12), y: Math.round(p.y - 30 + state.doc.graph.nodes.length * 12) };
    }
    state.addNode({ type, position, ...(after ? { after: after.id } : {}) });
  };

  return (
    <aside className="palette" aria-label={t('palette.label')} data-testid="palette">
      <input
        className="palette-search"
        type="search"
        placeholder={t('palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
      />
      <div className="palette-groups">
        {groups.map(({ category, layers }) => (
          <section key={category}>
            <h3>{t(`palette.category.${category}`)}</h3>
            {layers.map((def) => (
              <div
                key={def.type}
                className={`palette-item cat-${def.category.toLowerCase()}`}
                draggable
                onDragStart={(e) => onDragStart(e, def.type)}
                onDoubleClick={() => addAfterSelection(def.type)}
                title={`${layerText(def, t).label}: ${layerText(def, t).description}\n${t('palette.itemHint')}`}
                data-testid={`palette-${def.type}`}
              >
                {def.label}
              </div>
            ))}
          </section>
        ))}
        {groups.length === 0 && <p className="muted">{t('palette.noMatch', { query })}</p>}
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
      </div>
    </aside>
  );
}
