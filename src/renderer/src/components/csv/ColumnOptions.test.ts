import { describe, expect, it } from 'vitest';
import { fitColumnOptions, missingStrategiesFor } from './ColumnOptions';

describe('column options in the import dialog (issue 12)', () => {
  it('offers only strategies the import accepts: a label is never filled, categories have no mean or median', () => {
    expect(missingStrategiesFor({ type: 'numeric', role: 'feature' })).toEqual(['error', 'drop', 'mean', 'median', 'most-frequent']);
    expect(missingStrategiesFor({ type: 'categorical', role: 'feature' })).toEqual(['error', 'drop', 'most-frequent']);
    expect(missingStrategiesFor({ type: 'categorical', role: 'label' })).toEqual(['error', 'drop']);
  });

  it('drops an option a column can no longer take when its type or role changes', () => {
    expect(fitColumnOptions({ name: 'a', type: 'categorical', role: 'feature', missing: 'median', missingIndicator: true })).toEqual({ name: 'a', type: 'categorical', role: 'feature', missingIndicator: true });
    expect(fitColumnOptions({ name: 'a', type: 'numeric', role: 'label', missing: 'drop', missingIndicator: true })).toEqual({ name: 'a', type: 'numeric', role: 'label', missing: 'drop' });
    expect(fitColumnOptions({ name: 'a', type: 'numeric', role: 'feature', missing: 'mean', encoding: 'index' })).toEqual({ name: 'a', type: 'numeric', role: 'feature', missing: 'mean', encoding: 'index' });
  });
});
