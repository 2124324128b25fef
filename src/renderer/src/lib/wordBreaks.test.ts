import { describe, expect, it } from 'vitest';
import { camelWords } from './wordBreaks';

describe('camelWords (trial 10, 6: palette names break between words)', () => {
  it('splits Keras layer names at their words and keeps digits with theirs', () => {
    expect(camelWords('BatchNormalization')).toEqual(['Batch', 'Normalization']);
    expect(camelWords('GlobalAveragePooling2D')).toEqual(['Global', 'Average', 'Pooling2D']);
    expect(camelWords('Conv2D')).toEqual(['Conv2D']);
    expect(camelWords('ZeroPadding2D')).toEqual(['Zero', 'Padding2D']);
    expect(camelWords('Dense')).toEqual(['Dense']);
    expect(camelWords('UpSampling2D')).toEqual(['Up', 'Sampling2D']);
  });
});
