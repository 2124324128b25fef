import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './backend';

describe('initBackend', () => {
  it('loads the best backend available and says why faster ones were skipped', async () => {
    const info = await initBackend();
    expect(tf.getBackend()).toBe(info.name);
    if (info.name !== 'tensorflow') {
      expect(info.fallbackReasons.join(' ')).toMatch(/tfjs-node|NEURITE_BACKEND/);
    }
    expect(await initBackend()).toBe(info);
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).arraySync());
    expect(sum).toEqual([4, 6]);
  });
});
