import { useEffect, useMemo, useState } from 'react';
import type { LayerWeightsInfo } from '../../../../shared/api/contract';
import { preprocessingFor } from '../../../../shared/data/preprocess';
import { formatLine, lineInRawX, linearModelOf, pipelineScalesX, type Line } from '../../../../shared/graph/linear-model';
import { planGraph } from '../../../../shared/graph/plan';
import type { Translate } from '../../i18n';
import type { ModelSnapshot } from '../../store/run';
import { useEditor } from '../../store/editor';
import { useRun } from '../../store/training';
import { decodeLayerWeights, type LayerWeights } from './weights';

/** `model.weights` with its numbers decoded; a model the trainer lost is reloaded ({@link withRunModel}). Loaded on first use: the api module needs the app's window. */
export async function requestLayerWeights(runId: string, nodeId: string): Promise<LayerWeights> {
  const [{ api }, { withRunModel }] = await Promise.all([import('../../api'), import('../../store/training')]);
  const info: LayerWeightsInfo = await withRunModel(runId, (id) => api['model.weights']({ runId: id, nodeId }));
  return decodeLayerWeights(info);
}

/** The model's line y = w·x + b from a `model.weights` answer of its one Dense layer (w: the kernel's one value, b: the bias, 0 without one). */
export function modelLine(weights: LayerWeights): Line | null {
  if (!weights.linearModel) return null;
  const kernel = weights.tensors.find((t) => t.name === 'kernel');
  const bias = weights.tensors.find((t) => t.name === 'bias');
  if (!kernel || kernel.current.length !== 1) return null;
  return { slope: kernel.current[0], intercept: bias?.current[0] ?? 0 };
}

/**
 * Issue 16: under a one-feature model's curve, when the model is linear in x (Input(1) → Dense(1)
 * [→ linear Activation], decided by the trainer on the run's own graph), its equation with the
 * trained numbers, `y = 0.983·x + 0.0121`, in the x the plot and Predict use; when the pipeline
 * scales x first, also the line in the model's own input.
 */
export function FittedLine({ model, t, load = requestLayerWeights }: { model: ModelSnapshot; t: Translate; load?: typeof requestLayerWeights }) {
  const graph = useEditor((s) => s.doc.graph);
  const docDataset = useEditor((s) => s.doc.dataset);
  const runDataset = useRun((s) => s.runDataset);
  const linear = useMemo(() => linearModelOf(planGraph(graph)), [graph]);
  const [weights, setWeights] = useState<{ runId: string; info: LayerWeights } | null>(null);
  const nodeId = linear?.denseNodeId ?? null;
  useEffect(() => {
    if (!nodeId) return setWeights(null);
    let current = true;
    load(model.runId, nodeId).then(
      (info) => current && setWeights({ runId: model.runId, info }),
      // No equation rather than a wrong one: the weights section in the inspector says why they cannot be read.
      () => current && setWeights(null),
    );
    return () => {
      current = false;
    };
  }, [model.runId, model.epoch, model.final, nodeId, load]);
  const pipeline = useMemo(() => {
    try {
      return preprocessingFor(runDataset ?? docDataset);
    } catch {
      return null;
    }
  }, [runDataset, docDataset]);
  const own = weights && weights.runId === model.runId ? modelLine(weights.info) : null;
  const line = own && pipeline ? lineInRawX(own, pipeline) : null;
  if (!own || !line || !pipeline) return null;
  return (
    <div className="fitted-line small" data-testid="fit-equation-box">
      <div data-testid="fit-equation" data-slope={line.slope} data-intercept={line.intercept}>
        <b>{t('inside.equation', { equation: formatLine(line) })}</b>
      </div>
      {pipelineScalesX(pipeline) && <div className="muted">{t('inside.equationModel', { equation: formatLine(own, 'z') })}</div>}
      <div className="muted">{t('inside.equationHelp')}</div>
    </div>
  );
}
