import type { LossDefinition } from './types';

/**
 * Keras 3 `keras.losses.Huber(delta=1.0)` (`"huber"`; tfjs' `tf.losses.huberLoss` is not a
 * `compile` string): per element 0.5·e² for |e| ≤ 1, |e| − 0.5 above, averaged over the last
 * axis. tfjs has no layers-API Huber, so both the app and the generated TypeScript compile this
 * formula; the conformance test runs the generated helper against `perSample`.
 */
export const huberLoss: LossDefinition = {
  id: 'huberLoss',
  label: 'Huber loss',
  helpKey: 'help.loss.huberLoss',
  kerasClass: 'Huber',
  kerasName: 'huber',
  kerasAliases: ['huber_loss'],
  labels: 'values',
  output: 'any',
  perSample: (tf, t, p) =>
    tf.tidy(() => {
      const error = tf.abs(tf.sub(p, t));
      const quadratic = tf.minimum(error, 1);
      const linear = tf.sub(error, quadratic);
      return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), linear), -1);
    }),
  python: 'keras.losses.Huber(delta=1.0)',
  typescript: {
    expression: 'huberLoss',
    helper: [
      'function huberLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {',
      '  return tf.tidy(() => {',
      '    const error = tf.abs(tf.sub(yPred, yTrue));',
      '    const quadratic = tf.minimum(error, 1);',
      '    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(error, quadratic)), -1);',
      '  });',
      '}',
    ],
  },
};
