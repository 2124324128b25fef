import { formatChangeValue, type RunChange } from '../../../../shared/runs/diff';
import type { Translate } from '../../i18n';
import { settingLabel } from './runsTable';

/**
 * A difference between two runs' setups in the UI language (the command line's English wording is
 * `describeRunChange`, from the same data): "Dense dense_n3: units 64 → 128", "Learning rate 0.001 → 0.01".
 */
export function runChangeText(change: RunChange, t: Translate): string {
  switch (change.kind) {
    case 'param':
      return t('runs.change.param', { type: change.type, layer: change.layer, field: change.field, from: formatChangeValue(change.from), to: formatChangeValue(change.to) });
    case 'layer-added':
      return t('runs.change.layerAdded', { type: change.type, layer: change.layer });
    case 'layer-removed':
      return t('runs.change.layerRemoved', { type: change.type, layer: change.layer });
    case 'connections':
      return t('runs.change.connections');
    case 'setting':
      return t('runs.change.setting', { field: settingLabel(change.field, t), from: formatChangeValue(change.from), to: formatChangeValue(change.to) });
    case 'dataset':
      return t('runs.change.dataset');
  }
}
