import { all, fitIs, generatorIs, hasChain, hasNode, hasNodeWhere, isDense, isInputWithShape, lossIs, optimizerIs, predictedFor, runCompleted } from './checks';
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
 *
 * Epochs: 1000 at batch size 32 (4 SGD steps per epoch on the 100 rows, 4000 steps). Why so many:
 * with x in [0, 1] the mean squared error's Hessian is 2·[[E x², E x], [E x, 1]] ≈ 2·[[0.335, 0.5],
 * [0.5, 1]], whose small eigenvalue ≈ 0.134 makes SGD at Keras' default learning_rate=0.01 shrink
 * the slow direction of the error by only (1 − 0.00134) per step: the new project's 200 epochs
 * (800 steps) leave about e^−1.07 ≈ 34 % of the initial error (a tester saw 0.73 for x = 1);
 * 4000 steps leave e^−5.4 ≈ 0.5 %, under 0.02 at x = 1 even from the worst Glorot-uniform start
 * (|w₀| ≤ √3). test/integration/lesson-fit-a-line.test.ts trains the lesson's model for real.
 */
export const FIT_A_LINE_EPOCHS = 1000;
const fit = fitIs(FIT_A_LINE_EPOCHS, 32);

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
    { id: 'epochs', text: 'lesson.fitALine.epochs', highlight: 'setting-epochs', check: fit, concepts: ['epochs', 'gradient-descent'] },
    {
      id: 'train',
      text: 'lesson.fitALine.train',
      highlight: 'train-button',
      check: all(runCompleted, hasChain(input1, dense1), optimizerIs('sgd'), lossIs('meanSquaredError'), generatorIs('linear'), fit),
    },
    { id: 'predict', text: 'lesson.fitALine.predict', highlight: 'predict-input-0', check: predictedFor(1) },
    { id: 'done', text: 'lesson.fitALine.done', detail: predictionForOne },
  ],
};
