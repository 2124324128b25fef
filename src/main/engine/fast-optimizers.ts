import { getOptimizer, resolveOptimizer } from '../../shared/optimizers';
import { ADAGRAD_INITIAL_ACCUMULATOR } from '../../shared/optimizers/adagrad';
import { KERAS_EPSILON } from '../../shared/optimizers/fields';
import type { OptimizerSettings } from '../../shared/project/schema';

/**
 * tfjs' optimizers, one fused loop per parameter instead of 5–15 kernels each. The formulas are
 * tfjs 4.22's `applyGradients` term by term (tfjs-core/src/optimizers/*_optimizer.ts), including
 * its quirks (RMSProp's sqrt(ms + ε), Adadelta's update from the previous accumulated gradient,
 * Adagrad's fixed ε = 1e-7), so the fast path and `model.fit` give the same weights to float
 * rounding: the loops compute in doubles and round once per stored value, where tfjs rounds
 * after every op.
 */
export interface FastOptimizer {
  readonly name: string;
  /** Called once per step after all gradients are known; `params[i]` is updated in place. */
  apply(params: Float32Array[], grads: Float32Array[]): void;
  /**
   * Sets the learning rate the following steps use (schedules, reduce-on-plateau), as assigning
   * a tfjs optimizer's `learningRate` (or SGD's `setLearningRate`) does between steps.
   */
  setLearningRate(lr: number): void;
}

const f = Math.fround;

/**
 * The fused twin of the optimizer the settings describe (the registry's `fused` id, with the
 * registry's resolved values: the same numbers `createOptimizer` gives tfjs). Slots start at
 * tfjs' initial values; the caller must only use this for an optimizer that has not taken a
 * step yet.
 */
export function fastOptimizerFor(settings: OptimizerSettings, sizes: number[]): FastOptimizer | string {
  const def = getOptimizer(settings.type);
  const config = resolveOptimizer(settings);
  let lr = config.learningRate;
  const made = fusedUpdate(def.fused, def.label, config, sizes, () => lr);
  if (typeof made === 'string') return made;
  return { ...made, setLearningRate: (value: number) => void (lr = value) };
}

/** The fused update of one optimizer; `rate()` is the learning rate of the step being applied. */
function fusedUpdate(
  fused: ReturnType<typeof getOptimizer>['fused'],
  label: string,
  config: ReturnType<typeof resolveOptimizer>,
  sizes: number[],
  rate: () => number,
): Omit<FastOptimizer, 'setLearningRate'> | string {
  const slots = (fill = 0) => sizes.map((n) => new Float32Array(n).fill(fill));
  const eps = config.epsilon ?? KERAS_EPSILON;
  switch (fused) {
    case 'sgd':
      return {
        name: 'sgd',
        apply(params, grads) {
          const lr = rate();
          params.forEach((w, p) => {
            const g = grads[p];
            for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
          });
        },
      };
    case 'momentum': {
      const m = config.momentum!;
      const nesterov = config.nesterov!;
      const acc = slots();
      return {
        name: nesterov ? 'momentum (nesterov)' : 'momentum',
        apply(params, grads) {
          const c = -rate();
          params.forEach((w, p) => {
            const g = grads[p];
            const a = acc[p];
            for (let i = 0; i < w.length; i++) {
              const na = m * a[i] + g[i];
              a[i] = na;
              w[i] += nesterov ? c * (g[i] + na * m) : c * na;
            }
          });
        },
      };
    }
    case 'rmsprop': {
      const decay = config.rho!;
      const momentum = config.momentum!;
      const ms = slots();
      const mom = slots();
      return {
        name: 'rmsprop',
        apply(params, grads) {
          const lr = rate();
          const oneMinusDecay = 1 - decay;
          params.forEach((w, p) => {
            const g = grads[p];
            const s = ms[p];
            const mo = mom[p];
            for (let i = 0; i < w.length; i++) {
              const gi = g[i];
              const ns = s[i] * decay + gi * gi * oneMinusDecay;
              const nm = mo[i] * momentum + (gi * lr) / Math.sqrt(ns + eps);
              s[i] = ns;
              mo[i] = nm;
              w[i] = w[i] - nm;
            }
          });
        },
      };
    }
    case 'adam': {
      const beta1 = config.beta1!;
      const beta2 = config.beta2!;
      const m1 = slots();
      const m2 = slots();
      let accBeta1 = f(beta1);
      let accBeta2 = f(beta2);
      return {
        name: 'adam',
        apply(params, grads) {
          // lr·(m/c1)/(√(v/c2) + ε) = k1·m/(k2·√v + ε): one division and one root per value.
          const k1 = rate() / f(1 - accBeta1);
          const k2 = 1 / Math.sqrt(f(1 - accBeta2));
          const b1c = 1 - beta1;
          const b2c = 1 - beta2;
          params.forEach((w, p) => {
            const g = grads[p];
            const a = m1[p];
            const v = m2[p];
            for (let i = 0; i < w.length; i++) {
              const gi = g[i];
              const na = a[i] * beta1 + gi * b1c;
              const nv = v[i] * beta2 + gi * gi * b2c;
              a[i] = na;
              v[i] = nv;
              w[i] -= (k1 * na) / (k2 * Math.sqrt(nv) + eps);
            }
          });
          accBeta1 = f(accBeta1 * beta1);
          accBeta2 = f(accBeta2 * beta2);
        },
      };
    }
    case 'adagrad': {
      const acc = slots(ADAGRAD_INITIAL_ACCUMULATOR);
      return {
        name: 'adagrad',
        apply(params, grads) {
          const lr = rate();
          params.forEach((w, p) => {
            const g = grads[p];
            const a = acc[p];
            for (let i = 0; i < w.length; i++) {
              const gi = g[i];
              const na = a[i] + gi * gi;
              a[i] = na;
              w[i] -= (gi / Math.sqrt(na + KERAS_EPSILON)) * lr;
            }
          });
        },
      };
    }
    case 'adadelta': {
      const rho = config.rho!;
      const accGrad = slots();
      const accUpdate = slots();
      return {
        name: 'adadelta',
        apply(params, grads) {
          const lr = rate();
          const oneMinusRho = 1 - rho;
          params.forEach((w, p) => {
            const g = grads[p];
            const ag = accGrad[p];
            const au = accUpdate[p];
            for (let i = 0; i < w.length; i++) {
              const gi = g[i];
              const nag = ag[i] * rho + gi * gi * oneMinusRho;
              const update = Math.sqrt((au[i] + eps) / (ag[i] + eps)) * gi;
              au[i] = au[i] * rho + update * update * oneMinusRho;
              ag[i] = nag;
              w[i] -= update * lr;
            }
          });
        },
      };
    }
    case 'adamax': {
      const beta1 = config.beta1!;
      const beta2 = config.beta2!;
      // The registry passes tfjs a learning-rate decay of 0 (Keras' Adamax has none).
      const decay = 0;
      const m1 = slots();
      const inf = slots();
      let iteration = 0;
      let accBeta1 = f(beta1);
      return {
        name: 'adamax',
        apply(params, grads) {
          const step = f(-rate() / f(f(iteration * decay) + 1));
          const scale = f(step / f(1 - accBeta1));
          const b1c = 1 - beta1;
          params.forEach((w, p) => {
            const g = grads[p];
            const a = m1[p];
            const u = inf[p];
            for (let i = 0; i < w.length; i++) {
              const gi = g[i];
              const na = a[i] * beta1 + gi * b1c;
              const nu = Math.max(u[i] * beta2, Math.abs(gi));
              a[i] = na;
              u[i] = nu;
              w[i] += (scale * na) / (nu + eps);
            }
          });
          iteration++;
          accBeta1 = f(accBeta1 * beta1);
        },
      };
    }
    default:
      return `the ${label} optimizer has no fused twin`;
  }
}
