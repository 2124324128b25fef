import type { CsvMessageId } from '../data/csv-messages';
import type { RunMessageId } from '../training/run-messages';
import type { ProjectLoadMessageId } from '../project/load';
import type { ImportMessageId } from '../import/import-messages';
import type { DataMessageId } from '../data/data-messages';
import type { CodegenMessageId } from '../codegen/messages';

/**
 * Issue 16: messages. 简体中文 for the messages src/shared and src/main raise as data (same keys,
 * same `{name}` parameters as their English tables; a unit test checks both). Keras log names
 * (`loss`, `val_accuracy`), values (`NaN`, `Infinity`), column names and file names arrive as
 * parameters and stay as written.
 */
export const RUN_MESSAGES_ZH_CN: Record<RunMessageId, string> = {
  'train.diverged.batch':
    '损失在第 {epoch} 轮第 {batch} 批变成了 {value}，训练已停止。可能的原因：学习率太高（试试缩小到十分之一），或输入没有标准化（特征数值很大；试试 z 分数标准化）。',
  'train.diverged.epoch':
    '{log} 在第 {epoch} 轮结束时变成了 {value}，训练已停止。可能的原因：学习率太高（试试缩小到十分之一），或输入没有标准化（特征数值很大；试试 z 分数标准化）。',
  'train.busy.run': '运行 {runId} 仍在训练；请先停止它，再开始新的训练。',
  'train.busy.lrFinder': '学习率查找器正在运行；请停止它或等它结束后再训练。',
  'train.crashed': '训练进程意外停止（退出码 {exitCode}）。项目没有受到影响；按“训练”重试——将启动一个新的训练进程。',
  'train.crashed.signal': '训练进程意外停止（没有退出码，被信号终止）。项目没有受到影响；按“训练”重试——将启动一个新的训练进程。',
  'train.crashedBeforeAnswer': '训练进程在回答之前停止了（退出码 {exitCode}）。',
  'train.tensorboardFailed': '无法写入 {dir} 中的 TensorBoard 日志（原始信息：{detail}）；日志到此为止。训练照常进行。',
  'train.busy.load': '运行 {runId} 仍在训练；请先停止它，再加载保存的权重。',
  'train.busy.lrFind': '运行 {runId} 仍在训练；请等它结束或停止它，再查找学习率。',
  'train.busy.lrFinderAgain': '学习率查找器已经在运行。',
  'train.export.stillTraining': '这次运行仍在训练；请在它结束后再导出。',
  'train.export.noModel': '运行 {runId} 没有训练好的模型：请先训练。',
  'train.predict.noModel': '运行 {runId} 没有训练好的模型：请先训练（只保留最近一次运行的模型，训练进程重启后也会丢失）。',
  'train.data.nonFinite.feature': '数据集第 {row} 行、列“{column}”（第 {index} 个特征）有缺失或非数值的值：应为有限的数字，实际是 {value}。请在训练前删除或填充这一行。',
  'train.data.nonFinite.label': '数据集第 {row} 行、列“{column}”（第 {index} 个标签）有缺失或非数值的值：应为有限的数字，实际是 {value}。请在训练前删除或填充这一行。',
  'train.data.arraySizes': '数据集的数组与它的大小不符：应有 {rows}×{features} 个特征值和 {rows}×{labelWidth} 个标签值，实际是 {gotFeatures} 和 {gotLabels} 个。',
  'train.data.noTrainRows': '没有留给训练的行：数据集有 {rows} 行，验证集比例 {validationSplit} 占去 {validationRows} 行。请降低验证集比例或添加数据。',
  'train.data.noTrainRowsTest': '没有留给训练的行：数据集有 {rows} 行，验证集比例 {validationSplit} 占去 {validationRows} 行，测试集比例 {testSplit} 占去 {testRows} 行。请降低验证集或测试集比例，或添加数据。',
  'train.data.outputKeepsAxes': '模型的输出形状是 {shape}，但标签是每个样本 {labelWidth} 个值，因此输出的形状必须是 (None, …)，不能带图像或序列的轴。请在输出的 Dense 之前插入 Flatten（或全局池化层）。',
  'train.data.inputShape': '模型的 Input 接受形状为 [{shape}] 的样本（{size} 个值）；数据每个样本有 {features} 个值。请把 Input 的形状设为与数据一致。',
  'train.data.rowWidth': '输入的第 {row} 行有 {got} 个值；模型需要 {features} 个特征。',
  'train.data.featureMapsOneInput': '特征图只对只有一个 Input 的模型显示；这个模型有多个。',
  'train.outOfMemory': '训练时内存不足（原始信息：{detail}）。请减小批大小，使用更少或更小的层（或更小的图像尺寸），或用更少的行训练；项目没有受到影响。',
  'trainer.busy.train': '已有一次训练运行（{runId}）在进行。请先停止它，再开始新的运行。',
  'trainer.busy.finder': '学习率查找器正在运行。请停止它或等它结束，再训练。',
  'trainer.busy.export': '这次运行仍在训练。请停止它或等它结束，再导出。',
  'trainer.noWeightsToResume': '没有可以继续训练的已保存权重；请按“训练”从头开始。',
  'trainer.noWeightsToLoad': '这个项目没有可加载的训练好的权重；请先训练。',
  'trainer.noModel': '运行 {runId} 没有训练好的模型：请先训练（训练进程重启后模型会丢失）。',
  'trainer.startTimeout': '训练进程没有在 {seconds} 秒内启动，已被停止。请重试。',
  'trainer.exitedBeforeReady': '训练进程在准备好之前就退出了（代码 {exitCode}）。',
  'backend.forcedUnknown': 'NEURITE_BACKEND={forced} 不是一个后端（应为 {names} 之一）；改用可用的最佳后端。',
  'backend.forced': 'NEURITE_BACKEND={forced} 强制使用 {forced} 后端。',
  'backend.notInstalled.gpu': '未安装 tfjs-node-gpu（在 Linux 上使用 NVIDIA GPU：npm install @tensorflow/tfjs-node-gpu，并安装 CUDA 和 cuDNN）。',
  'backend.notInstalled.node': '未安装 tfjs-node（可选依赖；安装时会下载 libtensorflow）。',
  'backend.loadFailed': '{package} 加载失败：{detail}。',
  'backend.loadFailed.gpu': '{package} 加载失败：{detail}（请安装与其 libtensorflow 构建时相同版本的 CUDA 和 cuDNN）。',
  'backend.gpuNotFound': '已加载 tfjs-node-gpu，但 TensorFlow 没有找到 CUDA GPU（请检查 nvidia-smi，以及 CUDA 和 cuDNN 的版本是否与其 libtensorflow 相符）；改用它的 CPU 内核训练。',
  'backend.gpuUnknown': '已加载 tfjs-node-gpu，但它没有说明 TensorFlow 是否使用 GPU；按 tensorflow 后端计。',
  'backend.initFailed': '{backend} 后端初始化失败。',
  'backend.activateFailed': '{backend} 后端加载失败：{detail}。',
};

export const CSV_MESSAGES_ZH_CN: Record<CsvMessageId, string> = {
  'csv.noFeature': '没有一列是特征。请把至少一列的用途设为“特征”。',
  'csv.noLabel': '没有一列是标签。请把要预测的那一列的用途设为“标签”。',
  'csv.mixedLabels': '只能有一个标签列包含类别，但 {columns} 都是标签。请只保留一个标签列，或把它们都设为数值（回归）。',
  'csv.noNumericColumn': '没有一个特征列包含数值（{columns} 是文本，按序号编码）。神经网络需要数值输入：请把类别特征的编码设为独热编码，或选择含有数值列的文件。',
  'csv.labelMissingStrategy': '列“{column}”是标签：缺失的标签不能被填充或标记（模型会学到编造的目标值）。请为它选择“删除这些行”或“停止导入”。',
  'csv.categoryNoMean': '列“{column}”包含类别：类别没有均值。请用出现最多的类别填充它的缺失值，或删除这些行。',
  'csv.categoryNoMedian': '列“{column}”包含类别：类别没有中位数。请用出现最多的类别填充它的缺失值，或删除这些行。',
  'csv.headerChanged': '第 {line} 行的表头有 {got} 列，但导入设置的是 {width} 列。请重新打开文件以刷新预览。',
  'csv.ragged.header': '第 {line} 行有 {got} 个字段，而表头有 {width} 个。请检查该行是否少了或多了分隔符（或值中有未加引号的分隔符）。',
  'csv.ragged.firstRow': '第 {line} 行有 {got} 个字段，而第一行有 {width} 个。请检查该行是否少了或多了分隔符（或值中有未加引号的分隔符）。',
  'csv.nan': '第 {line} 行，列“{column}”：值是 NaN（不是数字）。请填入一个数字或删除该行。',
  'csv.notANumber': '第 {line} 行，列“{column}”：应为数字，实际是 {got}。请修改这个值，或把该列的类型设为类别。',
  'csv.tooManyClasses': '第 {line} 行，列“{column}”：标签列有超过 {max} 个不同的值。它看起来像数字或编号，而不是类别：请把它的类型设为数值（回归），或选择另一个标签列。',
  'csv.allDropped': '全部 {dropped} 个数据行都被删除了，因为设为“删除这些行”的列中有缺失值：{columns}。请改用某种策略填充缺失值，或把该列的用途设为“忽略”。',
  'csv.noRows.header': '文件在表头下面没有数据行。请添加数据行，或取消勾选“第一行是表头”。',
  'csv.noRows': '文件没有数据行。请添加数据行，或取消勾选“第一行是表头”。',
  'csv.oneClass': '列“{column}”（标签）在全部 {rows} 行中只有一个类别 {value}；分类器至少需要两个类别。请选择另一个标签列，或选择含有多个类别的文件。',
  'csv.missingValue': '第 {line} 行，列“{column}”：缺少值。请选择如何处理该列的缺失值（删除这些行，或用均值、中位数或出现最多的值填充），填入这个值，或把该列的用途设为“忽略”。',
  'csv.missingValueText': '第 {line} 行，列“{column}”：缺少值（{text}）。请选择如何处理该列的缺失值（删除这些行，或用均值、中位数或出现最多的值填充），填入这个值，或把该列的用途设为“忽略”。',
  'csv.noValues.mean': '列“{column}”的每一行都没有值，无法从中得出均值。请把该列的用途设为“忽略”。',
  'csv.noValues.median': '列“{column}”的每一行都没有值，无法从中得出中位数。请把该列的用途设为“忽略”。',
  'csv.noValues.mostFrequent': '列“{column}”的每一行都没有值，无法从中得出出现最多的值。请把该列的用途设为“忽略”。',
  'csv.empty': '文件是空的：没有任何行。请选择一个有表头行和数据行的 CSV 文件。',
  'csv.blankLines': '文件只有空行。请选择一个有数据行的 CSV 文件。',
  'csv.headerOnly': '文件有表头行，但没有数据行。请在表头下面添加数据行。',
  'csv.badQuotes': '有一行中的带引号字段没有闭合。请补上引号 (") 或删除它。',
  'csv.badQuotes.line': '第 {line} 行中的带引号字段没有闭合。请补上引号 (") 或删除它。',
  'csv.badQuotes.near': '第 {line} 行附近有一个带引号字段没有闭合。请补上引号 (") 或删除它。',
  'csv.badEncoding':
    '第 {line} 行有不是有效 {encoding} 的字节（显示为 �）：文件可能是用别的编码保存的（Windows“ANSI”、Latin-1）。请重新另存为 UTF-8（在 Excel 中：另存为 →“CSV UTF-8（逗号分隔）”），如果它是 UTF-16 文本，请选择该编码。',
  'csv.inFile': '{file}：{message}',
  'csv.inSheet': '{file}（工作表“{sheet}”）：{message}',
  'csv.columnsChanged': '保存的 CSV 行有 {got} 个特征，但项目需要 {expected} 个。请重新导入文件。',
};

export const PROJECT_LOAD_MESSAGES_ZH_CN: Record<ProjectLoadMessageId, string> = {
  'project.source.theFile': '该文件',
  'project.source.recovered': '恢复的项目',
  'project.source.template': '模板 {template}',
  'project.notJson': '{source} 不是 Neurite 项目：它不是有效的 JSON（原始信息：{detail}）。',
  'project.notAProject': '{source} 不是 Neurite 项目：顶层应有 "format": "{format}"。',
  'project.noFormatVersion': '{source} 没有有效的 formatVersion：应为 ≥ 1 的整数，实际是 {got}。',
  'project.newerVersion': '{source} 是由更新版本的 Neurite 保存的（格式版本 {version}；此版本最多能读取 {supported}）。请更新 Neurite 后再打开。',
  'project.noMigration': '{source}：没有从格式版本 {version} 迁移的方法。',
  'project.invalidField': '{source} 不是有效的 Neurite 项目：字段 `{field}`：{detail}。',
  'project.invalidType': '{source} 不是有效的 Neurite 项目：字段 `{field}`：应为 {expected}，实际是 {got}。',
  'project.weightNotBase64': '{source} 不是有效的 Neurite 项目：字段 `{field}`（权重 {weight}）：应为 base64 文本，实际是一段长度为 {length}、无法解码的文本。',
  'project.weightSize': '{source} 不是有效的 Neurite 项目：字段 `{field}`（权重 {weight}）：形状 [{shape}] 应有 {expected} 个 float32 值，实际是 {got} 个。',
  'project.unknownLayer': '{source}：节点“{node}”的层类型是“{type}”，此版本的 Neurite 不认识它。它会原样保留，但在替换它之前模型无法训练。',
  'project.tooLarge': '{name} 有 {size} 字节；Neurite 能打开的项目文件最多 {max} 字节。',
  'project.gone': '无法读取 {name}：该文件已不存在。',
  'project.readFailed': '无法读取 {name}：{detail}。',
  'project.noTemplate': '没有名为“{id}”的模板。请从模板列表中选择一个。',
};

export const IMPORT_MESSAGES_ZH_CN: Record<ImportMessageId, string> = {
  'import.notJsonObject': '该文件不是 layers-model 的 model.json：应为一个 JSON 对象。',
  'import.graphModel':
    '这是一个 TF.js 图模型（来自 SavedModel 或冻结图）：它没有可编辑的层。请用 tensorflowjs_converter --input_format keras（Keras 3 的 .keras 文件用 --input_format keras_keras）转换 Keras 模型以得到层模型，或在 TF.js 中用 model.save 保存它。',
  'import.noTopology': '该文件不是 layers-model 的 model.json：应有一个 "modelTopology" 对象（含 Keras 模型的 class_name 和 config）。',
  'import.severalInputs':
    '模型有 {count} 个输入（{inputs}）；Neurite 训练的模型只有一个 Input，由一张表提供数据。没有导入任何内容。请在 Keras 中用一个包含全部特征的 Input（把各输入的列并排放在一起）重建模型，再重新转换。',
  'import.sharedLayers': '模型多次调用 {layers}，在多次调用之间共享权重；Neurite 的一个节点是层的一次调用。没有导入任何内容。',
  'import.unsupportedLayers': '模型用到了 {count} 个 Neurite 尚不支持的层：{layers}。没有导入任何内容。',
  'import.missingInbound': '层“{layer}”的输入来自“{source}”，但模型中没有它。',
  'import.notModelJson': '{file} 不是 model.json：{detail}。',
  'import.weight.dtype': '权重 {weight} 的类型是 {dtype}；只能导入 float32 权重。',
  'import.weight.stored': '权重 {weight} 的存储类型是 {stored}；应为 float32，或 uint8、uint16、float16（tensorflowjs_converter 的量化选项）。',
  'import.weight.noQuantization': '权重 {weight} 按 {stored} 量化，但它在清单中的条目没有量化的 min 和 scale。',
  'import.weight.tooShort': '权重文件太短：权重 {weight}（{count} 个 {stored} 值）需要第 {from}–{to} 字节，而文件只有 {size} 字节。',
  'import.weight.noLayer': '权重 {weight} 不属于模型的任何层（层：{layers}）。',
  'import.weight.variable': '权重 {weight} 是层“{layer}”的第 {index} 个变量，但该层只有 {count} 个变量（{variables}）。',
  'import.weight.sizes': '权重文件有 {size} 字节，但清单描述的是 {described} 字节。',
};

export const DATA_MESSAGES_ZH_CN: Record<DataMessageId, string> = {
  'data.row.missing.drop': '第 {row} 行，列“{column}”：缺少值；导入时缺少该值的行都被删除了，所以模型没有可填充的值。请输入一个值。',
  'data.row.missing.required': '第 {row} 行，列“{column}”：缺少值；导入时要求该列必须有值，所以模型没有可填充的值。请输入一个值。',
  'data.row.width': '第 {row} 行有 {got} 个值；应为 {features} 个（每个特征一个：{featureNames}）。',
  'data.row.widthOrColumns': '第 {row} 行有 {got} 个值；应为 {features} 个（每个特征一个：{featureNames}）或 {columns} 个（每列一个：{columnNames}）。',
  'data.row.notANumber': '第 {row} 行，列“{column}”：应为数字，实际是 {got}。',
  'data.row.unknownCategory': '第 {row} 行，列“{column}”：未知的类别 {got}；应为以下之一：{categories}。',
  'data.row.rawNotANumber': '第 {row} 行第 {index} 个值：应为数字（模型按原样接收输入），实际是 {got}。',
  'images.notAFolder': '{name} 不是可读取的文件夹。请选择每个类别一个子文件夹的那个文件夹。',
  'images.tooManyFiles': '{name} 中的文件超过 {max} 个，这是一次导入最多读取的数量。请导入一部分（例如每个类别几百张图像）。',
  'images.notAFile': '{name} 不是可读取的文件。请重新选择 zip 文件。',
  'images.zipTooLarge': '{name} 有 {size}，超过了 zip 文件的上限 {max}。请解压后选择文件夹，或压缩更少的图像。',
  'images.zipUnsafe': '{name} 被拒绝：其中的条目“{entry}”不安全（原始信息：{detail}）。请用标准工具重新压缩该文件夹（条目路径相对于文件夹）。',
  'images.zipBomb': '{name} 解压后的图像超过 {max}（按其条目声明），这是一次导入最多读取的量。它可能是 zip 炸弹；如果是真实数据，请导入一部分。',
  'images.zipUnreadable': '{name} 无法作为 zip 文件读取（原始信息：{detail}）。请确认它是 .zip 文件，并重新压缩该文件夹。',
  'images.noImages': '{name} 的类别文件夹中没有可读取的图像。请把每个类别的图像放进以类别命名的子文件夹（例如 {name}/cat/1.jpg、{name}/dog/1.jpg）。',
  'images.noImagesUnreadable': '{name} 的类别文件夹中没有可读取的图像（有 {unreadable} 个图像文件无法读取）。请把每个类别的图像放进以类别命名的子文件夹（例如 {name}/cat/1.jpg、{name}/dog/1.jpg）。',
  'images.oneClass': '{name} 只有一个类别（“{class}”）：分类器至少需要两个。请为其他每个类别添加一个图像子文件夹。',
  'images.oneClassEmpty': '{name} 只有一个类别（“{class}”；{empty} 中没有可读取的图像）：分类器至少需要两个。请为其他每个类别添加一个图像子文件夹。',
  'images.tooLarge': '{name}：{count} 张 {height}×{width}×{channels} 的图像需要 {needed}，超过了图像数据集的上限 {max}。请选择更小的尺寸或灰度（这个尺寸大约能容纳 {fit} 张图像）。',
  'dataService.notAFolder': '无法读取 {name}：它不是文件夹。',
  'dataService.notAFile': '无法读取 {name}：它不是文件。',
  'dataService.notAZip': '{name} 不是 .zip 文件。请压缩那个每个类别一个子文件夹（各装满图像）的文件夹，再上传这个 .zip。',
  'dataService.importRunning': '{name} 已在导入中；请等待它完成或取消它。',
  'dataService.tooManyUploads': '已有 {count} 个上传在进行；请先完成或取消其中一个（空闲 {minutes} 分钟的上传会被丢弃）。',
  'dataService.uploadCancelled': '上传 {name} 已取消：请重新选择文件。',
  'dataService.duplicateName': '有两个上传的文件都叫 {name}；training-log.jsonl、model.json 和 weights.bin 各选一次。',
  'dataService.noUpload': '没有上传 {id}：请重新选择文件。',
  'dataService.uploadIncomplete': '上传 {name} 不完整：{size} 字节中只收到了 {received} 字节。请重新选择文件。',
  'dataService.busy': 'CSV 导入器正忙（{running} 个在运行，{waiting} 个在等待）；请在当前导入完成后再试。',
  'dataService.workerFailed': 'CSV 导入进程失败：{detail}',
  'dataService.workerStopped': 'CSV 导入进程在回答之前停止了（退出码 {exitCode}）。',
  'dataService.cancelled': '{name} 的导入已取消；项目没有改变。',
  'dataService.cancelledFile': '该文件的导入已取消；项目没有改变。',
  'xlsx.tooSlow': '读取工作簿超过了 {minutes} 分钟，已停止。请把工作表另存为 CSV 再导入。',
  'xlsx.noAnswer': '读取工作簿在回答之前停止了。请重新导入该文件。',
  'xlsx.oldXls': '这是 Excel 97–2003 工作簿（.xls），无法读取。请在 Excel（或 LibreOffice）中打开它，另存为“Excel 工作簿 (.xlsx)”或 CSV，再导入那个文件。',
  'xlsx.emptySheet': '工作表“{sheet}”中没有含值的单元格。请选择一个包含表格（表头行和数据行）的工作表。',
  'xlsx.noSheet': '工作簿中没有名为“{sheet}”的工作表；它有 {sheets}。请选择其中之一。',
  'xlsx.noSheetInspect': '工作簿中没有名为“{sheet}”的工作表。请重新检查该文件并选择它的一个工作表。',
  'xlsx.badWorkbook': '该文件不是可读取的 Excel 工作簿（.xlsx）：{detail}。请在 Excel 或 LibreOffice 中打开并重新另存为 .xlsx，或把工作表另存为 CSV 再导入。',
  'data.importTooLarge':
    '{name} 太大，无法导入：它大约需要 {needed} 内存（约 {rows} 行 × {columns} 个存储列 × 4 字节 × {factor}），超过了一次导入可用的 {bound}（这台计算机内存的一半）。请把不需要的列设为“忽略”（独热编码的文本列每个值存一列），或导入文件的一部分样本（大约能容纳 {rowsThatFit} 行）。',
};

export const CODEGEN_MESSAGES_ZH_CN: Record<CodegenMessageId, string> = {
  'codegen.cycle': '图中有一个经过 {nodes} 的环路；请先删除它，再导出代码。',
  'codegen.empty': '图是空的；请先添加层，再导出代码。',
  'codegen.problems': '模型有 {count} 个问题需要先解决，才能导出代码：\n{list}',
  'codegen.problemLine': '- {problem}（节点 {node}）',
  'codegen.problemLinePlain': '- {problem}',
  'codegen.more': '- 还有 {count} 个',
  'codegen.unknownLayer': '节点“{node}”的层类型是“{type}”，Neurite 不认识它；请先替换它，再导出代码。',
  'codegen.oneOutput': '训练包只训练有一个输出的模型；这个模型有 {count} 个。',
};

/** Every message table above, spread at the end of zh-CN.ts. */
export const MESSAGES_ZH_CN = { ...RUN_MESSAGES_ZH_CN, ...CSV_MESSAGES_ZH_CN, ...PROJECT_LOAD_MESSAGES_ZH_CN, ...IMPORT_MESSAGES_ZH_CN, ...DATA_MESSAGES_ZH_CN, ...CODEGEN_MESSAGES_ZH_CN };
