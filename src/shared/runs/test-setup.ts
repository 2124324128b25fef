import { defaultOptimizerSettings } from '../optimizers';
import type { TrainingSettings } from '../project/schema';

/** Training settings for the runs module's tests: RMSprop at Keras' default learning rate 0.001, 2 epochs. */
export const DEFAULT_TRAINING_FOR_TESTS: TrainingSettings = {
  optimizer: defaultOptimizerSettings(),
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
  epochs: 2,
  batchSize: 32,
  validationSplit: 0.2,
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: true,
  seed: 1,
};
