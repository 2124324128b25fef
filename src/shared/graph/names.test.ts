import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers';
import { chain, node } from './fixtures';
import { layerNames, snakeCase } from './names';

describe('layer names', () => {
  it('spell the layer type as Keras 3 names its layers (keras/src/utils/naming.py to_snake_case)', () => {
    // Keras 3.15: [layers.X(...).name for X in ...] with the automatic names' counter suffix removed.
    const keras: Record<string, string> = {
      Dense: 'dense',
      BatchNormalization: 'batch_normalization',
      LayerNormalization: 'layer_normalization',
      Conv1D: 'conv1d',
      Conv2D: 'conv2d',
      SeparableConv2D: 'separable_conv2d',
      DepthwiseConv2D: 'depthwise_conv2d',
      MaxPooling1D: 'max_pooling1d',
      MaxPooling2D: 'max_pooling2d',
      AveragePooling2D: 'average_pooling2d',
      GlobalAveragePooling1D: 'global_average_pooling1d',
      GlobalAveragePooling2D: 'global_average_pooling2d',
      GlobalMaxPooling2D: 'global_max_pooling2d',
      ZeroPadding2D: 'zero_padding2d',
      UpSampling2D: 'up_sampling2d',
    };
    for (const [type, name] of Object.entries(keras)) expect(snakeCase(type), type).toBe(name);
    for (const def of LAYERS) expect(snakeCase(def.type)).toMatch(/^[a-z][a-z0-9_]*$/);
    expect([...layerNames(chain(node('n1', 'Input'), node('n2', 'UpSampling2D'), node('n3', 'Conv2D'))).values()]).toEqual(['input_n1', 'up_sampling2d_n2', 'conv2d_n3']);
  });
});
