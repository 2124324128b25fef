import { ProblemFix } from './ProblemFix';
import { getLayer, shownParams, validateParams } from '../../../shared/layers';
import type { LayerDefinition, ParamSpec } from '../../../shared/layers/types';
import type { GraphNode } from '../../../shared/graph/types';
import { analyze, formatShape } from '../lib/analysis';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import { layerText, paramText, problemText } from '../lib/problemText';
import { DraftInput, Field, formatNumber, formatShapeText, parseNumber, parseShape } from './fields';
// issue 16: inside the model
import { WeightsSection } from './inside/WeightsSection';

export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const doc = useEditor((s) => s.doc);
  const t = useT();
  const node = selection.nodes.length === 1 ? doc.graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  if (!node) {
    return (
      <section className="panel-section inspector" data-testid="inspector">
        <h2>{t('inspector.title')}</h2>
        <p className="muted">{selection.nodes.length > 1 ? t('inspector.many', { count: selection.nodes.length }) : t('inspector.none')}</p>
      </section>
    );
  }
  const def = getLayer(node.type);
  if (!def) {
    return (
      <section className="panel-section inspector" data-testid="inspector">
        <h2>{node.type}</h2>
        <p className="field-error">{t('inspector.unknown', { type: node.type })}</p>
      </section>
    );
  }
  const info = analyze(doc).nodes.get(node.id);
  return (
    <section className="panel-section inspector" data-testid="inspector">
      <h2>
        <span data-testid="inspector-layer-label">{layerText(def, t).label}</span> <span className="muted">{node.id}</span>
      </h2>
      <p className="muted small" data-testid="inspector-description">
        {layerText(def, t).description}
      </p>
      {shownParams(def, node.params).map((spec) => (
        <ParamField key={`${node.id}:${spec.name}`} def={def} node={node} spec={spec} />
      ))}
      <div className="inspector-facts small">
        <div>
          {/* A shape that cannot be computed is explained once, by the node's problem below (validation words it with its cause and fix). */}
          {t('inspector.outputShape')}{' '}
          <b>{info?.shape ? (info.shape.ok ? formatShape(info.shape.shape) : info.problems.some((p) => p.severity === 'error') ? t('inspector.shapeUnknown') : problemText(info.shape, t)) : '—'}</b>
        </div>
        {info?.params && (
          <div>
            {t('inspector.parameters')} <b>{info.params.trainable.toLocaleString('en-US')}</b> {t('inspector.trainable')}
            {info.params.nonTrainable ? `, ${info.params.nonTrainable.toLocaleString('en-US')} ${t('inspector.nonTrainable')}` : ''}
          </div>
        )}
        {info?.problems.map((p, i) => (
          <div key={i} className={p.severity === 'error' ? 'field-error' : 'field-warning'}>
            {problemText(p, t)} <ProblemFix problem={p} />
          </div>
        ))}
      </div>
      {def.type === 'Dense' && <WeightsSection key={node.id} nodeId={node.id} />}
    </section>
  );
}

function ParamField({ def, node, spec }: { def: LayerDefinition; node: GraphNode; spec: ParamSpec }) {
  const t = useT();
  const { label, help } = paramText(def, spec, t);
  const value = node.params[spec.name] ?? spec.default;
  const id = `param-${node.id}-${spec.name}`;
  const commit = (next: unknown): string | null => {
    const problems = validateParams(def, { ...node.params, [spec.name]: next }).filter((p) => p.field === spec.name);
    if (problems.length) return problems.map((p) => problemText(p, t)).join(' ');
    useEditor.getState().updateParams(node.id, { [spec.name]: next });
    return null;
  };
  switch (spec.kind) {
    case 'int':
    case 'float':
      return (
        <DraftInput<number>
          id={id}
          label={label}
          help={help}
          value={value as number}
          format={formatNumber}
          parse={(text) => parseNumber(text, spec.kind === 'int')}
          onCommit={commit}
          testId={`param-${spec.name}`}
          inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
        />
      );
    case 'shape':
      return (
        <DraftInput<number[]>
          id={id}
          label={label}
          help={help}
          value={value as number[]}
          format={formatShapeText}
          parse={(text) => parseShape(text, spec.allowInfer ?? false)}
          onCommit={commit}
          testId={`param-${spec.name}`}
        />
      );
    case 'bool':
      return (
        <Field label={label} help={help} htmlFor={id}>
          <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => commit(e.target.checked)} data-testid={`param-${spec.name}`} />
        </Field>
      );
    case 'enum':
      return (
        // Issue 16: a softmax activation links the tutorial's softmax card.
        <Field label={label} help={help} htmlFor={id} concept={spec.name === 'activation' && value === 'softmax' ? 'softmax' : undefined}>
          <select id={id} value={String(value)} onChange={(e) => commit(e.target.value)} data-testid={`param-${spec.name}`}>
            {spec.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
      );
  }
}
