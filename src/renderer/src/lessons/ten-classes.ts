import { all, fitIs, generatorIs, hasChain, hasNodeWhere, isDense, isInputWithShape, lossIs, metricsAre, optimizerIs, runCompleted } from './checks';
import type { GraphNode } from '../../../shared/graph/types';
import type { Lesson } from './types';

const input100 = (n: GraphNode) => isInputWithShape(n, [100]);
const hidden = (n: GraphNode) => isDense(n, 100, 'relu');
const output = (n: GraphNode) => isDense(n, 10, 'softmax');

/**
 * Lesson 2, the Keras tutorial's second example: 100 features, 10 classes —
 * Dense(100, relu) → Dense(10, softmax), RMSprop, categorical crossentropy, accuracy, on the
 * classification generator (1000 rows × 100 features, labels one-hot as `to_categorical` gives),
 * trained as the tutorial's `model.fit(data, one_hot_labels, epochs=10, batch_size=32)`.
 */
export const tenClasses: Lesson = {
  id: 'ten-classes',
  title: 'lesson.tenClasses.title',
  summary: 'lesson.tenClasses.summary',
  steps: [
    { id: 'intro', text: 'lesson.tenClasses.intro', highlight: 'palette', concepts: ['supervised'] },
    { id: 'data', text: 'lesson.tenClasses.data', highlight: 'dataset-generator', check: generatorIs('classification'), concepts: ['one-hot'] },
    { id: 'input', text: 'lesson.tenClasses.input', highlight: 'palette-Input', check: hasNodeWhere(input100), concepts: ['tensors'] },
    { id: 'hidden', text: 'lesson.tenClasses.hidden', highlight: 'palette-Dense', check: hasChain(input100, hidden) },
    { id: 'output', text: 'lesson.tenClasses.output', highlight: 'palette-Dense', check: hasChain(input100, hidden, output), concepts: ['softmax'] },
    { id: 'optimizer', text: 'lesson.tenClasses.optimizer', highlight: 'setting-optimizer', check: optimizerIs('rmsprop') },
    { id: 'loss', text: 'lesson.tenClasses.loss', highlight: 'setting-loss', check: lossIs('categoricalCrossentropy'), concepts: ['one-hot'] },
    { id: 'metrics', text: 'lesson.tenClasses.metrics', highlight: 'setting-metrics', check: metricsAre('accuracy') },
    { id: 'epochs', text: 'lesson.tenClasses.epochs', highlight: 'setting-epochs', check: fitIs(10, 32), concepts: ['epochs'] },
    {
      id: 'train',
      text: 'lesson.tenClasses.train',
      highlight: 'train-button',
      check: all(runCompleted, hasChain(input100, hidden, output), optimizerIs('rmsprop'), lossIs('categoricalCrossentropy'), metricsAre('accuracy'), fitIs(10, 32), generatorIs('classification')),
    },
    { id: 'done', text: 'lesson.tenClasses.done' },
  ],
};
