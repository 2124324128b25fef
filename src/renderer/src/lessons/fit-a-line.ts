import { all, generatorIs, hasChain, hasNode, hasNodeWhere, isDense, isInputWithShape, lossIs, optimizerIs, predictedFor, runCompleted } from './checks';
import type { Translate } from '../i18n';
import { formatOutput, predictedPoint } from '../store/lastPrediction';
import type { Lesson, LessonState } from './types';

const input1 = (n: Parameters<typeof isInputWithShape>[0]) => isInputWithShape(n, [1]);
const dense1 = (n: Parameters<typeof isDense>[0]) => isDense(n, 1);

/** The learner's own prediction for x = 1 with the run shown, as the Predict panel showed it. */
function predictionForOne(state: LessonState, t: Translate): string | null {
  const point = predictedPoint(state.lastPrediction, state.run.runId);
  return point && point.x === 1 ? t('lesson.fitALine.predicted', { prediction: formatOutput(point.y) }) : null;
}

/**
 * Lesson 1, the Keras tutorial's first example: linear regression on y = x + noise with one
 * Dense unit, SGD and mean squared error, then predict x = 1 (the model should answer about 1,
 * having learned w ≈ 1, b ≈ 0). From an empty canvas.
 */
export const fitALine: Lesson = {
  id: 'fit-a-line',
  title: 'lesson.fitALine.title',
  summary: 'lesson.fitALine.summary',
  steps: [
    { id: 'intro', text: 'lesson.fitALine.intro', highlight: 'palette', concepts: ['supervised', 'regression'] },
    { id: 'input', text: 'lesson.fitALine.input', highlight: 'palette-Input', check: hasNodeWhere(input1), concepts: ['tensors'] },
    { id: 'dense', text: 'lesson.fitALine.dense', highlight: 'palette-Dense', check: hasNode('Dense') },
    { id: 'units', text: 'lesson.fitALine.units', highlight: 'param-units', check: hasNodeWhere(dense1) },
    { id: 'connect', text: 'lesson.fitALine.connect', check: hasChain(input1, dense1) },
    { id: 'data', text: 'lesson.fitALine.data', highlight: 'dataset-generator', check: generatorIs('linear'), concepts: ['supervised'] },
    { id: 'optimizer', text: 'lesson.fitALine.optimizer', highlight: 'setting-optimizer', check: optimizerIs('sgd'), concepts: ['gradient-descent'] },
    { id: 'loss', text: 'lesson.fitALine.loss', highlight: 'setting-loss', check: lossIs('meanSquaredError'), concepts: ['regression'] },
    {
      id: 'train',
      text: 'lesson.fitALine.train',
      highlight: 'train-button',
      check: all(runCompleted, hasChain(input1, dense1), optimizerIs('sgd'), lossIs('meanSquaredError'), generatorIs('linear')),
      concepts: ['epochs', 'gradient-descent'],
    },
    { id: 'predict', text: 'lesson.fitALine.predict', highlight: 'predict-input-0', check: predictedFor(1) },
    { id: 'done', text: 'lesson.fitALine.done', detail: predictionForOne },
  ],
};
