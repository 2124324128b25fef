import type { GraphMessageId } from '../graph/problem-text';
import type { ParamMessageId } from '../layers/params';
import type { ShapeMessageId } from '../layers/shape-text';
import { PARAM_FIELD_MESSAGES_EN } from '../layers/messages';
import { REGISTRY_MESSAGES_ZH_CN } from './zh-CN-registry';

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
  'problem.dense-on-image': '{layer} 收到形状为 {input} 的图像，只作用于它的最后一个轴，因此输出保留了图像的各个轴：{output}。要使用整幅图像，请在它之前插入 Flatten（或 GlobalAveragePooling2D，权重少得多）。',
  'problem.dense-on-sequence': '{layer} 收到形状为 {input} 的序列，只作用于它的最后一个轴，因此输出保留了步数轴：{output}。要使用整个序列，请在它之前插入 Flatten（或 GlobalAveragePooling1D，权重少得多）。',
  'problem.input-vs-features.one.flat': 'Input 期望每个样本有 {expected} 个特征，但数据有 {got} 个。',
  'problem.input-vs-features.many.flat': 'Input 期望每个样本有 {expected} 个特征，但数据有 {got} 个。',
  'problem.input-vs-features.one.image': 'Input 期望每个样本有 {expected} 个特征，但数据是 {imageShape} 的图像，共 {got} 个值。',
  'problem.input-vs-features.many.image': 'Input 期望每个样本有 {expected} 个特征，但数据是 {imageShape} 的图像，共 {got} 个值。',
  'problem.onehot-with-sparse-loss': '标签是 one-hot 行（{columns} 列），但稀疏分类交叉熵 (sparse_categorical_crossentropy) 要求每个样本一个类别编号。请使用分类交叉熵 (categorical_crossentropy)。',
  'problem.index-labels-with-categorical-loss': '标签是类别编号（0、1、2……），但分类交叉熵 (categorical_crossentropy) 要求 one-hot 行。请使用接受类别编号的稀疏分类交叉熵 (sparse_categorical_crossentropy)。',
  'problem.binary-loss-multiclass.onehot': '二元交叉熵 (binary_crossentropy) 用于只有 2 个类别的是/否问题，但数据有 {classes} 个类别。请使用分类交叉熵 (categorical_crossentropy)，并配合 softmax 输出。',
  'problem.binary-loss-multiclass.index': '二元交叉熵 (binary_crossentropy) 用于只有 2 个类别的是/否问题，但数据有 {classes} 个类别。请使用稀疏分类交叉熵 (sparse_categorical_crossentropy)，并配合 softmax 输出。',
  'problem.units-vs-classes.binary': '在 {classes} 个类别上使用二元交叉熵 (binary_crossentropy) 时，输出只给出一个概率（类别“{positive}”的概率），因此需要 {need} 个单元；现在有 {units} 个。',
  'problem.units-vs-classes.regressionLoss': '{loss} 把 {classes} 个类别当作每个样本的一个数，因此用它时输出层需要 {need} 个单元；现在有 {units} 个。对于类别，请改用 {proper}（每个类别一个输出）。',
  'problem.units-vs-classes.perClass': '数据有 {classes} 个类别，因此输出层需要 {need} 个单元（每个类别一个）；现在有 {units} 个。',
  'problem.units-vs-classes.perColumn': '数据有 {classes} 个类别，因此输出层需要 {need} 个单元（每个类别列一个）；现在有 {units} 个。',
  'problem.units-vs-classes.perExample': '数据有 {classes} 个类别，因此输出层需要 {need} 个单元（每个样本一个值）；现在有 {units} 个。',
  'problem.softmax-with-mse': '用 {loss} 在类别标签上训练 softmax 输出，学得慢，给出的概率也差。交叉熵才是为类别设计的损失函数。',
  'problem.regression-loss-on-classes': '数据是分类任务，但 {loss} 是用于预测数值的损失函数。交叉熵才是为类别设计的损失函数。',
  'problem.sigmoid-multiclass': 'sigmoid 输出对 {classes} 个类别分别单独打分，分数之和不等于 1。每个样本只属于一个类别时请使用 softmax。',
  'problem.metric-vs-labels.one': '指标 {metrics} 把每个类别编号（0 到 {max}）与输出的 {units} 个类别概率比较，这对类别毫无意义。请改用 accuracy（准确率）。',
  'problem.metric-vs-labels.many': '指标 {metrics} 把每个类别编号（0 到 {max}）与输出的 {units} 个类别概率比较，这对类别毫无意义。请改用 accuracy（准确率）。',
  'problem.linear-output-on-classification': '输出使用 {activation}，可能给出负数或大于 1 的数，但 {loss} 需要概率。请在最后一层使用 {wanted}。',
  'problem.output-units-vs-targets': '数据每个样本有 {targets} 个目标值，因此输出层需要 {targets} 个单元；现在有 {units} 个。',
  'problem.classification-loss-on-numeric-classes': '标签只有 {values} 这些值，但按数值导入，因此数据是回归任务，不能使用 {loss}。如果这些是类别，请重新导入文件，并把标签类型设为 categorical（分类，导入时会建议）；如果要预测数值，请使用均方误差 (mean_squared_error)。',
  'problem.classification-loss-on-regression': '数据是回归任务（预测数值），但 {loss} 是用于类别的损失函数。请使用均方误差 (mean_squared_error)。',
  'problem.squashed-output-on-regression': '输出使用 {activation}，只能给出 0 到 1 之间的值，但目标是任意数值。回归通常使用 linear（线性）输出。',
  'problem.softmax-single-unit': '只有一个单元的 softmax 无论输入是什么都输出 1。是/否概率请用 sigmoid，或让该层每个类别一个单元。',
  'problem.output-keeps-axes.dense.image': '{layer} 是模型的输出，但它收到形状为 {input} 的图像，只作用于最后一个轴，因此给出 {output}：图像的每个位置都有一个答案，而不是每幅图像一个，无法与标签（{labels}）比较。请在它之前插入 Flatten（或 GlobalAveragePooling2D，权重少得多）。',
  'problem.output-keeps-axes.dense.sequence': '{layer} 是模型的输出，但它收到形状为 {input} 的序列，只作用于最后一个轴，因此给出 {output}：序列的每个位置都有一个答案，而不是每个样本一个，无法与标签（{labels}）比较。请在它之前插入 Flatten（或 GlobalAveragePooling1D，权重少得多）。',
  'problem.output-keeps-axes.dense.other': '{layer} 是模型的输出，但它收到形状为 {input} 的序列，只作用于最后一个轴，因此给出 {output}：序列的每个位置都有一个答案，而不是每个样本一个，无法与标签（{labels}）比较。请在它之前插入 Flatten。',
  'problem.output-keeps-axes.output.pooling': '模型的输出形状为 {output}，但标签是{labels}，因此输出形状必须是 {need}。请在 {layer} 之后添加一个 Flatten（或 {pooling}）和一个 Dense 层。',
  'problem.output-keeps-axes.output.plain': '模型的输出形状为 {output}，但标签是{labels}，因此输出形状必须是 {need}。请在 {layer} 之后添加一个 Flatten 和一个 Dense 层。',
  'problem.labels.regression.example': '每个样本 {labelWidth} 个目标值',
  'problem.labels.regression.image': '每幅图像 {labelWidth} 个目标值',
  'problem.labels.onehot.example': '每个样本一行 {labelWidth} 列的 one-hot 编码',
  'problem.labels.onehot.image': '每幅图像一行 {labelWidth} 列的 one-hot 编码',
  'problem.labels.index.example': '每个样本一个类别编号',
  'problem.labels.index.image': '每幅图像一个类别编号',
  'connect.noSource': '没有可作为连接起点的层“{id}”。',
  'connect.noTarget': '没有可作为连接终点的层“{id}”。',
  'connect.self': '层不能连接到自身（{layer}）。',
  'connect.intoInput': '{layer} 是数据进入模型的地方，不能有连接进入它。',
  'connect.duplicate': '{source} 已经连接到 {target}。',
  'connect.full': '{layer} 最多接受 {max} 个输入，现在已有 {count} 个。请先删除它的输入连接，或用 Add 或 Concatenate 合并。',
  'connect.full.hasOne': '{layer} 最多接受 {max} 个输入，现在已有 1 个。请先删除它的输入连接，或用 Add 或 Concatenate 合并。',
  'connect.loop': '把 {source} 连接到 {target} 会形成环路：{target} 已经通向 {source}。',
  'fix.removeLayer': '删除 {layer}',
  'fix.insertLayerBefore': '在 {layer} 之前插入 {insert}',
  'fix.setActivation': '把 {layer} 的激活函数设为 {activation}',
  'fix.setInputShape': '把 Input 的形状设为 {shape}',
  'fix.setUnits': '把 {layer} 的单元数设为 {units}',
  'fix.setLoss': '把损失函数改为 {loss}',
  'fix.useAccuracy': '用 accuracy（准确率）代替 {metrics}',
};

/**
 * Issue 16: parameter-value errors (src/shared/layers/params.ts). `{field}` is the param's
 * Chinese label from the registry translations (nested `fieldLabelId`); `{layer}` stays as Keras
 * writes it.
 */
export const PARAM_MESSAGES_ZH_CN: Record<ParamMessageId, string> = {
  'param.int': '{layer} 的{field} 必须是整数；现在是 {got}。',
  'param.int.range': '{layer} 的{field} 必须是{range}的整数；现在是 {got}。',
  'param.float': '{layer} 的{field} 必须是数字；现在是 {got}。',
  'param.float.range': '{layer} 的{field} 必须{range}；现在是 {got}。',
  'param.float.range.notNumber': '{layer} 的{field} 必须是{range}的数字；现在是 {got}。',
  'param.bool': '{layer} 的{field} 必须是 true 或 false；现在是 {got}。',
  'param.enum': '{layer} 的{field} 必须是以下之一：{options}；现在是 {got}。',
  'param.shape': '{layer} 的{field} 必须是正整数列表，例如 [4] 或 [28, 28]；现在是 {got}。',
  'param.shape.infer': '{layer} 的{field} 必须是正整数列表，例如 [4] 或 [2, 2]，其中最多一个 -1，表示“剩下的全部”；现在是 {got}。',
  'param.range.between': '介于 {min} 到 {max} 之间',
  'param.range.atLeast': '不小于 {min}',
  'param.range.greaterThan': '大于 {min}',
  'param.range.atMost': '不大于 {max}',
  'param.range.lessThan': '小于 {max}',
  'param.range.atLeast.lessThan': '不小于 {min} 且小于 {max}',
  'param.range.greaterThan.atMost': '大于 {min} 且不大于 {max}',
  'param.range.greaterThan.lessThan': '大于 {min} 且小于 {max}',
  'param.value.nothing': '空值',
  'param.value.notNumber': '非数字',
};

/** Each param's name inside a sentence: its Chinese label (`layer.<Type>.param.<name>.label`), one translation for both uses. */
export const PARAM_FIELD_MESSAGES_ZH_CN: Record<keyof typeof PARAM_FIELD_MESSAGES_EN, string> = Object.fromEntries(
  Object.keys(PARAM_FIELD_MESSAGES_EN).map((key) => {
    const [, , type, name] = key.split('.');
    return [key, (REGISTRY_MESSAGES_ZH_CN as Record<string, string>)[`layer.${type}.param.${name}.label`]];
  }),
);

/**
 * Issue 16: shape mismatches (src/shared/layers/shape-text.ts). Shapes keep Keras' notation
 * `(batch, height, width, channels)` and `(None, 64)`; layer types stay as Keras writes them.
 */
export const SHAPE_MESSAGES_ZH_CN: Record<ShapeMessageId, string> = {
  'shape.needsOne': '{layer} 需要一个输入。',
  'shape.loop': '这个层处在一个环路中（或由环路供给数据），因此无法推算它的形状。',
  'shape.unknownLayer': '未知的层类型“{type}”。',
  'shape.inputUnknown': '这个层的某个输入没有有效的形状；请先修正它前面的层。',
  'shape.atLeastTwo': '{layer} 至少需要 2 个输入；现在有 {got} 个。',
  'shape.sameShape': '{layer} 要求所有输入的形状相同；现在是 {shapes}。',
  'shape.sameShape.two': '{layer} 要求所有输入的形状相同；现在是 {first} 和 {second}。',
  'shape.sameRank': '{layer} 要求各输入的轴数相同；现在是 {shapes}。',
  'shape.sameRank.two': '{layer} 要求各输入的轴数相同；现在是 {first} 和 {second}。',
  'shape.concatAxis': '{layer} 的轴必须是形状为 {shape} 的输入的一个特征轴（1 到 {last}，或 -1 到 -{last}）；现在是 {got}。',
  'shape.concatOtherAxes': '{layer} 沿轴 {axis} 拼接时，其他各轴的大小必须一致；现在是 {shapes}。',
  'shape.concatOtherAxes.two': '{layer} 沿轴 {axis} 拼接时，其他各轴的大小必须一致；现在是 {first} 和 {second}。',
  'shape.atLeastOneFeatureAxis': '{layer} 需要至少有一个特征轴的输入；现在是 {got}。',
  'shape.featureAxis': '{layer} 需要带特征轴的输入；现在是 {got}。',
  'shape.lastAxisKnown': '{layer} 要求输入的最后一个轴大小已知；现在是 {got}。',
  'shape.channelsKnown': '{layer} 要求输入的通道轴大小已知；现在是 {got}。',
  'shape.allAxesKnown': '{layer} 要求批次轴之后的每个轴大小都已知；现在是 {got}。',
  'shape.reshape.notMultiple': '{layer} 无法把 {size} 个值放进 {target}：{size} 不是 {known} 的倍数。',
  'shape.reshape.mismatch': '{layer} 的目标形状 {target} 容纳 {known} 个值，但它的输入 {input} 有 {size} 个。',
  'shape.sizes.image': '{layer} 的{field} 必须给出 2 个大小（高、宽）；现在是 {got}。',
  'shape.sizes.sequence': '{layer} 的{field} 必须给出 1 个大小（步数）；现在是 {got}。',
  'shape.windowFit': "{layer} 的{field} {window} 超出了输入的{axis} {size}（padding 为 'valid'）。请用更小的{field}，或把 padding 设为 'same'。",
  'shape.axis.height': '高度',
  'shape.axis.width': '宽度',
  'shape.axis.steps': '步数',
  'shape.needsImage': '{layer} 需要形状为 (batch, height, width, channels) 的图像输入；现在是 {got}。',
  'shape.needsImage.flat': '{head}请给 Input 层一个图像形状，例如 [28, 28, 1]，或在它之前添加一个 Reshape 到 [height, width, channels]。',
  'shape.needsImage.sequence': '{head}请添加一个通道轴：在它之前放一个 Reshape 到 [height, width, 1]。',
  'shape.needsImage.sequence.counterpart': '{head}请添加一个通道轴：在它之前放一个 Reshape 到 [height, width, 1]；对于序列 (steps, channels)，请改用 {counterpart}。',
  'shape.needsSequence': '{layer} 需要形状为 (batch, steps, channels) 的序列输入；现在是 {got}。',
  'shape.needsSequence.flat': '{head}请给 Input 层一个序列形状，例如 [100, 1]（步数、通道），或在它之前添加一个 Reshape 到 [steps, 1]。',
  'shape.needsSequence.image': '{head}它收到的是图像：请改用二维层，或在它之前添加一个 Reshape 到 [steps, channels]。',
  'shape.needsSequence.image.counterpart': '{head}它收到的是图像：请改用 {counterpart}，或在它之前添加一个 Reshape 到 [steps, channels]。',
  'shape.flatCause.flatten.image': '{head}它前面的 Flatten 把图像变成了一行扁平的数：请删除它（Flatten 应放在图像层之后）。',
  'shape.flatCause.flatten.sequence': '{head}它前面的 Flatten 把序列变成了一行扁平的数：请删除它（Flatten 应放在序列层之后）。',
  'shape.flatCause.other.image': '{head}它前面的 {source} 输出的是一行扁平的数：请把 {node} 放到 {source} 之前，或在两者之间添加一个 Reshape 到 [height, width, channels]。',
  'shape.flatCause.other.sequence': '{head}它前面的 {source} 输出的是一行扁平的数：请把 {node} 放到 {source} 之前，或在两者之间添加一个 Reshape 到 [steps, channels]。',
};
