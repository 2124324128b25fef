import type { ConceptCard } from './types';

/**
 * The concept cards of the Keras beginner tutorial the lessons follow, each a title and a short
 * text in the dictionaries (block "issue 16: lessons"). The Chinese texts use the keras-cn
 * glossary: 序贯模型, 全连接层, 激活函数, 优化器, 损失函数, 指标, 批大小 (batch_size), 轮次 (epochs).
 */
export const CONCEPTS: readonly ConceptCard[] = [
  { id: 'tensors', title: 'lesson.concept.tensors.title', body: 'lesson.concept.tensors.body', example: 'axes' },
  { id: 'gradient-descent', title: 'lesson.concept.gradientDescent.title', body: 'lesson.concept.gradientDescent.body' },
  { id: 'epochs', title: 'lesson.concept.epochs.title', body: 'lesson.concept.epochs.body' },
  { id: 'supervised', title: 'lesson.concept.supervised.title', body: 'lesson.concept.supervised.body' },
  { id: 'regression', title: 'lesson.concept.regression.title', body: 'lesson.concept.regression.body' },
  { id: 'one-hot', title: 'lesson.concept.oneHot.title', body: 'lesson.concept.oneHot.body' },
  { id: 'softmax', title: 'lesson.concept.softmax.title', body: 'lesson.concept.softmax.body' },
];

/** The concept card of this id; throws for an id no card has (a lesson naming a missing card is a bug the registry test catches). */
export function concept(id: string): ConceptCard {
  const card = CONCEPTS.find((c) => c.id === id);
  if (!card) throw new Error(`No concept card "${id}" in src/renderer/src/lessons/concepts.ts.`);
  return card;
}
