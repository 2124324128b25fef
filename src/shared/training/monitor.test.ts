import { describe, expect, it } from 'vitest';
import { isImprovement, monitorDirection, monitoredValue } from './monitor';

describe('the callbacks\' shared monitor (Keras MonitorCallback)', () => {
  it('reads a monitor under Keras\' or tfjs\' spelling, and auto-directs both the same way (trial 7 finding 3)', () => {
    const logs = { loss: 0.5, acc: 0.8, val_loss: 0.6, val_acc: 0.7 };
    expect(monitoredValue(logs, 'val_accuracy')).toBe(0.7);
    expect(monitoredValue(logs, 'val_acc')).toBe(0.7);
    expect(monitoredValue({ loss: 1, accuracy: 0.9 }, 'acc')).toBe(0.9);
    expect(monitoredValue(logs, 'mae')).toBeUndefined();
    expect(monitorDirection('val_acc')).toBe('max');
    expect(monitorDirection('accuracy')).toBe('max');
    expect(monitorDirection('val_mae')).toBe('min');
    expect(monitorDirection('accuracy', 'min')).toBe('min');
  });

  it('compares current ∓ min_delta with the best in float32, NaN never improving', () => {
    expect(isImprovement(1, null, 'min', 0)).toBe(true);
    expect(isImprovement(0.9, 1, 'min', 0.1)).toBe(false); // 0.9 + 0.1 is not below 1 in float32
    expect(isImprovement(0.8, 1, 'min', 0.1)).toBe(true);
    expect(isImprovement(1 + 1e-9, 1, 'max', 0)).toBe(false); // equal in float32
    expect(isImprovement(Number.NaN, 1, 'min', 0)).toBe(false);
    expect(isImprovement(0.5, Number.NaN, 'min', 0)).toBe(false);
  });
});
