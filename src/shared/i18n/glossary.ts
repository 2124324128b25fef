import type { Language } from './translate';

/**
 * Issue 16: the glossary of the terms the Keras beginner tutorial teaches, aligned with the
 * Chinese Keras documentation it links (keras-cn, https://keras-cn.readthedocs.io: 序贯模型,
 * 全连接层, 激活函数, 优化器, 损失函数, 指标, 批大小, 轮次…). One entry per term: the English term,
 * the Keras name where Keras has one, the Chinese term, and a one-line definition in each UI
 * language. Help › Glossary shows it; a unit test (glossary.test.ts) holds the zh-CN dictionary to
 * it: a Chinese string must not use a variant listed in `avoid` (适应 for fit, 纪元 for epoch…),
 * and, where `consistency` is given, a string whose English says the term uses the Chinese one.
 */
export interface GlossaryEntry {
  /** Stable id (a concept card of src/renderer/src/lessons/concepts.ts may share it). */
  id: string;
  /** The term in English, as the UI's English texts say it. */
  en: string;
  /** The name in Keras code (`Sequential`, `Dense`, `batch_size`, `to_categorical`), when it has one. */
  keras?: string;
  /** The keras-cn Chinese term (several separated by " / " when the tutorial names a family). */
  zh: string;
  /** One line saying what it is. */
  definition: Record<Language, string>;
  /** Chinese variants seen in translations that keras-cn does not use; no zh-CN string may contain them. */
  avoid?: readonly string[];
  /**
   * Where the dictionaries must agree: every zh-CN string whose English matches `en` contains one of
   * `zh` (e.g. English "epoch" ⇒ Chinese 轮). Only for terms whose English is unambiguous.
   */
  consistency?: { en: RegExp; zh: readonly string[] };
  /** The concept card explaining it at length, when a lesson has one. */
  concept?: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'sequential',
    en: 'Sequential model',
    keras: 'Sequential',
    zh: '序贯模型',
    definition: { en: 'A model that is a plain stack of layers, each feeding the next.', 'zh-CN': '由若干层依次堆叠而成的模型，每层的输出就是下一层的输入。' },
    avoid: ['顺序模型'],
  },
  {
    id: 'dense',
    en: 'Dense layer (fully connected)',
    keras: 'Dense',
    zh: '全连接层',
    definition: { en: 'Every output is a weighted sum of all inputs plus a bias, then the activation: activation(x·W + b).', 'zh-CN': '每个输出都是全部输入的加权和加上偏置，再经过激活函数：activation(x·W + b)。' },
    avoid: ['密集层', '稠密层'],
  },
  {
    id: 'activation',
    en: 'Activation function',
    keras: 'activation',
    zh: '激活函数',
    definition: { en: 'The function a layer applies to each output (relu, sigmoid, softmax, linear…).', 'zh-CN': '层对每个输出施加的函数（relu、sigmoid、softmax、linear 等）。' },
    avoid: ['激励函数'],
  },
  {
    id: 'relu',
    en: 'ReLU',
    keras: 'relu',
    zh: 'ReLU（线性整流函数）',
    definition: { en: 'max(0, x): keeps positive values, turns negative ones into 0.', 'zh-CN': 'max(0, x)：正数不变，负数变为 0。' },
  },
  {
    id: 'softmax',
    en: 'Softmax',
    keras: 'softmax',
    zh: 'softmax',
    definition: { en: 'Turns a layer\'s outputs into probabilities that are positive and add up to 1.', 'zh-CN': '把一层的输出变成概率：都为正数且总和为 1。' },
    concept: 'softmax',
  },
  {
    id: 'optimizer',
    en: 'Optimizer',
    keras: 'optimizer',
    zh: '优化器',
    definition: { en: 'The rule that changes the weights after each batch to make the loss smaller (SGD, RMSprop, Adam…).', 'zh-CN': '每个批次之后按什么规则改变权重使损失变小（SGD、RMSprop、Adam 等）。' },
    avoid: ['优化程序'],
    consistency: { en: /\boptimi[sz]er\b/i, zh: ['优化器'] },
  },
  {
    id: 'loss',
    en: 'Loss function',
    keras: 'loss',
    zh: '损失函数',
    definition: { en: 'One number saying how wrong the model is on a batch; training makes it smaller.', 'zh-CN': '表示模型在一个批次上错得有多厉害的一个数；训练就是让它变小。' },
    consistency: { en: /\bloss\b/i, zh: ['损失'] },
    concept: 'regression',
  },
  {
    id: 'metrics',
    en: 'Metrics',
    keras: 'metrics',
    zh: '指标',
    definition: { en: 'Numbers reported during training to judge the model (accuracy, mae…); unlike the loss they are not minimised.', 'zh-CN': '训练过程中报告、用来评价模型的数值（accuracy、mae 等）；与损失不同，它们不被最小化。' },
    avoid: ['度量标准', '评估指标'],
    consistency: { en: /\bmetrics?\b/i, zh: ['指标'] },
  },
  {
    id: 'batch-size',
    en: 'Batch size',
    keras: 'batch_size',
    zh: '批大小',
    definition: { en: 'How many rows the model sees before each weight update (Keras default 32).', 'zh-CN': '每更新一次权重之前模型所看的数据行数（Keras 默认 32）。' },
    avoid: ['批次大小', '批量大小', '批处理大小'],
    consistency: { en: /\bbatch[ _]size\b/i, zh: ['批大小'] },
    concept: 'gradient-descent',
  },
  {
    id: 'epochs',
    en: 'Epoch',
    keras: 'epochs',
    zh: '轮次',
    definition: { en: 'One pass over all training rows; fit(epochs=N) makes N passes.', 'zh-CN': '把全部训练数据过一遍；fit(epochs=N) 就是过 N 遍。' },
    avoid: ['纪元', '时期', '时代', '轮数'],
    consistency: { en: /\bepochs?\b/i, zh: ['轮'] },
    concept: 'epochs',
  },
  {
    id: 'learning-rate',
    en: 'Learning rate',
    keras: 'learning_rate',
    zh: '学习率',
    definition: { en: 'How big a step the optimizer takes against the gradient.', 'zh-CN': '优化器沿梯度反方向每一步走多大。' },
    avoid: ['学习速率', '学习速度'],
    consistency: { en: /\blearning rate\b/i, zh: ['学习率'] },
  },
  {
    id: 'fit',
    en: 'Train (fit)',
    keras: 'fit',
    zh: '训练',
    definition: { en: 'Adjusting the weights on the training data, epoch after epoch: Keras model.fit().', 'zh-CN': '在训练集上一轮又一轮地调整权重：Keras 的 model.fit()。' },
    avoid: ['适应'],
  },
  {
    id: 'run',
    en: 'Run',
    zh: '运行',
    definition: { en: 'One training of the model with its settings, curves and result, kept in the project\'s run history.', 'zh-CN': '模型的一次训练，连同它的设置、曲线和结果，记在项目的运行历史中。' },
    avoid: ['训练记录'],
    consistency: { en: /\bruns?\b|\brun['’]s\b/i, zh: ['运行'] },
  },
  {
    id: 'predict',
    en: 'Predict',
    keras: 'predict',
    zh: '预测',
    definition: { en: 'Using the trained model on new inputs: Keras model.predict().', 'zh-CN': '用训练好的模型对新的输入给出输出：Keras 的 model.predict()。' },
  },
  {
    id: 'splits',
    en: 'Training, validation and test sets',
    keras: 'validation_split',
    zh: '训练集 / 验证集 / 测试集',
    definition: {
      en: 'Rows the weights learn from; rows held out to watch for overfitting during training; rows kept apart to judge the final model once.',
      'zh-CN': '用来学习权重的行；训练时留出、用来观察过拟合的行；另外保留、最后评估一次模型的行。',
    },
    concept: 'supervised',
  },
  {
    id: 'tensor',
    en: 'Tensor',
    zh: '张量',
    definition: { en: 'An array of numbers with a shape, e.g. [rows, features].', 'zh-CN': '带有形状的数组，例如 [行数, 特征数]。' },
    concept: 'tensors',
  },
  {
    id: 'axis',
    en: 'Axis',
    keras: 'axis',
    zh: '轴',
    definition: { en: 'One dimension of a tensor; axis 0 of the data runs over the samples, axis 1 over the features.', 'zh-CN': '张量的一个维度；数据的轴 0 对应样本，轴 1 对应特征。' },
    concept: 'tensors',
  },
  {
    id: 'sample',
    en: 'Sample',
    zh: '样本',
    definition: { en: 'One example: one row of the data (its features and, in supervised learning, its label).', 'zh-CN': '一个例子：数据中的一行（它的特征，以及监督学习中的标签）。' },
  },
  {
    id: 'feature',
    en: 'Feature',
    zh: '特征',
    definition: { en: 'One input value of a sample: one column of x.', 'zh-CN': '样本的一个输入值：x 的一列。' },
  },
  {
    id: 'label',
    en: 'Label (target)',
    zh: '标签',
    definition: { en: 'The known answer y of a sample that the model learns to predict.', 'zh-CN': '样本的已知答案 y，模型要学会预测它。' },
  },
  {
    id: 'one-hot',
    en: 'One-hot encoding',
    keras: 'to_categorical',
    zh: '独热编码',
    definition: { en: 'A class number as a vector with 1 at its index and 0 elsewhere.', 'zh-CN': '把类别编号表示成一个向量：该编号的位置为 1，其余为 0。' },
    concept: 'one-hot',
  },
  {
    id: 'regression',
    en: 'Regression',
    zh: '回归',
    definition: { en: 'Predicting a number, such as y from x.', 'zh-CN': '预测一个数值，例如由 x 预测 y。' },
    concept: 'regression',
  },
  {
    id: 'classification',
    en: 'Classification',
    zh: '分类',
    definition: { en: 'Predicting which of several classes a sample belongs to.', 'zh-CN': '预测样本属于若干类别中的哪一个。' },
  },
  {
    id: 'supervised',
    en: 'Supervised / unsupervised learning',
    zh: '监督学习 / 无监督学习',
    definition: { en: 'Learning from samples with known answers / finding structure in data without answers.', 'zh-CN': '从带有已知答案的样本中学习 / 在没有答案的数据中寻找结构。' },
    concept: 'supervised',
  },
  {
    id: 'gradient-descent',
    en: 'Gradient descent (batch / stochastic / mini-batch)',
    zh: '梯度下降（批量 / 随机 / 小批量）',
    definition: {
      en: 'Moving the weights against the gradient of the loss, using all rows, one row, or a batch of rows per step.',
      'zh-CN': '沿损失梯度的反方向调整权重，每一步分别使用全部行、一行或一批行。',
    },
    concept: 'gradient-descent',
  },
  {
    id: 'overfitting',
    en: 'Overfitting',
    zh: '过拟合',
    definition: { en: 'The model memorises the training rows and does worse on new ones: validation loss rises while training loss falls.', 'zh-CN': '模型记住了训练数据，在新数据上反而变差：训练损失下降而验证损失上升。' },
  },
  {
    id: 'weights',
    en: 'Weights',
    keras: 'kernel',
    zh: '权重',
    definition: { en: 'The numbers a layer multiplies its inputs by; training learns them (w in y = w·x + b).', 'zh-CN': '层用来乘以输入的数，由训练学得（y = w·x + b 中的 w）。' },
  },
  {
    id: 'bias',
    en: 'Bias',
    keras: 'bias',
    zh: '偏置',
    definition: { en: 'The number a unit adds after the weighted sum (b in y = w·x + b).', 'zh-CN': '单元在加权和之后加上的数（y = w·x + b 中的 b）。' },
    avoid: ['偏差项'],
  },
];

/** The entries whose term, Keras name or definition (in either language) contains `query`, case-insensitively; all for an empty query. */
export function searchGlossary(query: string): GlossaryEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...GLOSSARY];
  return GLOSSARY.filter((e) => [e.en, e.keras ?? '', e.zh, e.definition.en, e.definition['zh-CN']].some((text) => text.toLowerCase().includes(q)));
}
