import type { GraphMessageId } from '../../../shared/graph/problem-text';

/**
 * Issue 16: graph problems. 简体中文 for the graph problems and one-click fixes of
 * src/shared/graph/problem-text.ts (same keys, same `{name}` parameters). Layer type names arrive
 * as parameters and stay as Keras writes them.
 */
export const GRAPH_PROBLEM_MESSAGES_ZH_CN: Record<GraphMessageId, string> = {
  'problem.dangling-edge': '这条连接指向一个不存在的层（“{missing}”）。请删除它。',
  'problem.unknown-layer': '“{type}”不是此版本 Neurite 认识的层类型。请删除或替换这个节点。',
  'problem.no-input.empty': '模型是空的。把一个 Input（输入层）拖到画布上开始。',
  'problem.no-input': '模型没有 Input（输入层），数据无处进入。请添加一个 Input 并把它连接到第一层。',
  'problem.multiple-inputs': '模型只能有一个 Input（输入层），因为数据只有一组特征。请删除这个 Input，或在同一个 Input 之后再合并分支。',
  'problem.cycle.node': '{layer} 处在一个环路中。数据必须单向流动，从 Input 流向输出；请删除环路中的一条连接。',
  'problem.cycle.edge': '这条连接处在一个环路中。请删除它或环路中的另一条连接。',
  'problem.no-output': 'Input 之后还没有任何层。请添加一个层（例如 Dense 全连接层），并把 Input 连接到它。',
  'problem.multiple-outputs': '模型有 {count} 个输出（结果没有去处的层），但只能有一个。请把这个 {layer} 继续向后连接，用 Add 或 Concatenate 合并分支，或删除它。',
  'problem.disconnected.fromInput': '{layer} 没有连接到 Input，没有数据能到达它。请连接或删除它。',
  'problem.disconnected.toOutput': '{layer} 没有通向模型的输出，因此不起作用。请把它继续向后连接或删除它。',
  'problem.arity.none': '{layer} 不接受输入；它现在有 {got} 个。',
  'problem.arity.exactly': '{layer} 只接受 {min} 个输入；它现在有 {got} 个。',
  'problem.arity.atLeast': '{layer} 至少需要 {min} 个输入；它现在有 {got} 个。',
  'problem.arity.between': '{layer} 需要 {min} 到 {max} 个输入；它现在有 {got} 个。',
  'problem.rescaled-twice':
    '数据集已经缩放了像素（{scaling}），这个 Rescaling（× {scale} + {offset}）又缩放了一次，模型看到的数值与两步各自的含义都相去甚远。请删除这个 Rescaling，或把数据集的像素缩放设为“none”，让模型自己缩放原始像素。',
  'fix.removeLayer': '删除 {layer}',
  'fix.insertLayerBefore': '在 {layer} 之前插入 {insert}',
  'fix.setActivation': '把 {layer} 的激活函数设为 {activation}',
  'fix.setInputShape': '把 Input 的形状设为 {shape}',
  'fix.setUnits': '把 {layer} 的单元数设为 {units}',
  'fix.setLoss': '把损失函数改为 {loss}',
  'fix.useAccuracy': '用 accuracy（准确率）代替 {metrics}',
};
