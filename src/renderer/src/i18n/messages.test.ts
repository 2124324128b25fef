import { describe, expect, it } from 'vitest';
import { failureWords, RUN_MESSAGES_EN, runWords } from '../../../shared/training/run-messages';
import { CSV_MESSAGES_EN } from '../../../shared/data/csv-messages';
import { CsvError, parseCsvText, previewCsv } from '../../../shared/data/csv';
import type { CsvParseConfig } from '../../../shared/data/csv';
import { DICTIONARIES, translator } from './index';
import { codegenErrorText, messageText } from '../lib/problemText';
import { parseProject, PROJECT_LOAD_MESSAGES_EN } from '../../../shared/project/load';
import { FORMAT, FORMAT_VERSION } from '../../../shared/project/schema';
import { chain, node } from '../../../shared/graph/fixtures';
import { IMPORT_MESSAGES_EN } from '../../../shared/import/import-messages';
import { DATA_MESSAGES_EN } from '../../../shared/data/data-messages';
import { CODEGEN_MESSAGES_EN } from '../../../shared/codegen/messages';
import { CodegenError } from '../../../shared/codegen/common';
import { toKerasPython } from '../../../shared/codegen';
import { applyPreprocessing, csvPreprocessing, PreprocessError } from '../../../shared/data/preprocess';
import { importLayersModel } from '../../../shared/import/layers-model';
import { emptyDoc, projectFromDoc } from '../store/document';

// Issue 16 ("What was seen"): in 简体中文 the divergence message read "已停止：The loss became
// Infinity…", and the CSV import's errors were English. Each message src/shared and src/main raise
// now carries an id and params; these tests check every id is translated with the same params and
// that real errors raised by the real code render in Chinese.

const zh = DICTIONARIES['zh-CN'] as Record<string, string>;
const en = DICTIONARIES.en as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;

/** The `{name}` parameters a template uses (plural arguments included; `#` and branch words are not parameters). */
export function paramNames(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]))].sort();
}

/** Text with the given values removed, checked for a run of three English words (an untranslated sentence). */
export function englishSentence(text: string, values: readonly (string | number)[] = []): string | null {
  let rest = text;
  for (const v of values) rest = rest.split(String(v)).join(' ');
  return /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/.exec(rest)?.[0] ?? null;
}

const TABLES = { 'run ends and backends (train.*, backend.*)': RUN_MESSAGES_EN, 'CSV errors (csv.*)': CSV_MESSAGES_EN, 'project files (project.*)': PROJECT_LOAD_MESSAGES_EN, 'model imports (import.*)': IMPORT_MESSAGES_EN, 'data rows and imports (data.*)': DATA_MESSAGES_EN, 'code export (codegen.*)': CODEGEN_MESSAGES_EN } as const;

describe('messages of src/shared and src/main in zh-CN (issue 16)', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`every id of ${name} is in the English dictionary as written at its source, and in zh-CN with the same parameters`, () => {
      for (const [key, english] of Object.entries(table)) {
        expect(en[key], key).toBe(english);
        expect(zh[key], key).toBeDefined();
        expect(paramNames(zh[key]), key).toEqual(paramNames(english));
        // '{file}: {message}' is all parameters: nothing to translate but the colon.
        if (english.replace(/\{[^}]*\}/g, '').replace(/[^A-Za-z]/g, '').length > 0) expect(zh[key], key).toMatch(CJK);
      }
    });
  }

  it('the trainer’s divergence message renders in Chinese, its English exactly the message the CLI prints', () => {
    const words = runWords('train.diverged.batch', { value: 'Infinity', epoch: 3, batch: 2 });
    expect(words.message).toMatch(/^The loss became Infinity at epoch 3, batch 2; training was stopped\./);
    expect(messageText(words, translator('en'))).toBe(words.message);
    const chinese = messageText(words, translator('zh-CN'));
    expect(chinese).toMatch(/^损失在第 3 轮第 2 批变成了 Infinity，训练已停止。/);
    expect(englishSentence(chinese, ['Infinity'])).toBeNull();
    // The run panel's status line wraps it: "已停止：<message>", all Chinese (was "已停止：The loss became Infinity…").
    const status = translator('zh-CN')('run.diverged', { message: chinese });
    expect(englishSentence(status, ['Infinity'])).toBeNull();
  });

  it('a run that fails because memory ran out says so, in Chinese, the engine’s own words kept as the detail', () => {
    let error: unknown;
    try {
      // What V8 throws when a typed array cannot be allocated.
      new Float32Array(Number.MAX_SAFE_INTEGER);
    } catch (e) {
      error = e;
    }
    const words = failureWords(error)!;
    expect(words.messageId).toBe('train.outOfMemory');
    expect(words.message).toMatch(/^Training ran out of memory \(.+\)\. Lower the batch size/);
    expect(messageText(words, translator('zh-CN'))).toMatch(/^训练时内存不足（.+）。请减小批大小/);
    expect(failureWords(new Error('something else'))).toBeNull();
  });

  const flowers: CsvParseConfig = {
    delimiter: ',',
    header: true,
    columns: [
      { name: 'petal length', type: 'numeric', role: 'feature' },
      { name: 'species', type: 'categorical', role: 'label' },
    ],
  };
  const failing = (text: string, config: CsvParseConfig = flowers): CsvError => {
    try {
      parseCsvText(text, config);
    } catch (error) {
      if (error instanceof CsvError) return error;
      throw error;
    }
    throw new Error('the CSV parsed');
  };

  it('a real bad CSV (a word in a numeric column) is refused with line and column, in Chinese', () => {
    const error = failing('petal length,species\n1.4,setosa\nlong,versicolor\n4.5,virginica\n');
    expect(error.code).toBe('not-a-number');
    expect(error.message).toBe("Line 3, column 'petal length': expected a number, got 'long'. Fix the value, or set the column's type to categorical.");
    expect(error.messageId).toBe('csv.notANumber');
    expect(messageText({ message: error.message, messageId: error.messageId, params: error.params }, translator('en'))).toBe(error.message);
    const chinese = messageText({ message: error.message, messageId: error.messageId, params: error.params }, translator('zh-CN'));
    expect(chinese).toBe('第 3 行，列“petal length”：应为数字，实际是 \'long\'。请修改这个值，或把该列的类型设为类别。');
    expect(englishSentence(chinese, ['petal length', "'long'"])).toBeNull();
  });

  it('a ragged row (plural in English, none in Chinese), a missing value and a one-class label read in Chinese', () => {
    const ragged = failing('petal length,species\n1.4,setosa\n4.7\n');
    expect(ragged.message).toMatch(/^Line 3 has 1 field; the header has 2\./);
    expect(messageText({ message: ragged.message, messageId: ragged.messageId, params: ragged.params }, translator('zh-CN'))).toMatch(/^第 3 行有 1 个字段，而表头有 2 个。/);
    const missing = failing('petal length,species\n1.4,setosa\n,versicolor\n');
    expect(missing.messageId).toBe('csv.missingValue');
    expect(messageText({ message: missing.message, messageId: missing.messageId, params: missing.params }, translator('zh-CN'))).toMatch(/^第 3 行，列“petal length”：缺少值。/);
    const oneClass = failing('petal length,species\n1.4,setosa\n1.3,setosa\n');
    const chinese = messageText({ message: oneClass.message, messageId: oneClass.messageId, params: oneClass.params }, translator('zh-CN'));
    expect(chinese).toMatch(/只有一个类别 'setosa'/);
    expect(englishSentence(chinese, ['petal length', "'setosa'"])).toBeNull();
  });

  it('the preview’s issues (a row with an extra field) carry ids too', () => {
    const preview = previewCsv('a,b,label\n1,2,x\n3,4,5,y\n', {});
    const issue = preview.issues.find((i) => i.code === 'ragged-row')!;
    expect(issue.messageId).toBe('csv.ragged.header');
    expect(messageText(issue, translator('zh-CN'))).toMatch(/^第 3 行有 4 个字段，而表头有 3 个。/);
  });

  it('a file prefix nests the CSV error (csv.inFile): both parts in Chinese', () => {
    const error = failing('petal length,species\n1.4,setosa\nlong,versicolor\n');
    const item = { message: `flowers.csv: ${error.message}`, messageId: 'csv.inFile', params: { ...error.params, file: 'flowers.csv', messageId: error.messageId! } };
    expect(messageText(item, translator('en'))).toBe(item.message);
    expect(messageText(item, translator('zh-CN'))).toMatch(/^flowers\.csv：第 3 行，列“petal length”：应为数字/);
  });

  it('real bad project files are refused in Chinese: newer format, a field of the wrong type (names kept), not JSON, an unknown layer', () => {
    const zhT = translator('zh-CN');
    const enT = translator('en');
    const refused = (text: string, source?: string) => {
      const result = parseProject(text, source);
      if (result.ok) throw new Error('the project loaded');
      expect(messageText(result.error, enT)).toBe(result.error.message);
      return messageText(result.error, zhT);
    };
    const newer = refused(JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION + 1 }), 'flowers.neurite');
    expect(newer).toBe(`flowers.neurite 是由更新版本的 Neurite 保存的（格式版本 ${FORMAT_VERSION + 1}；此版本最多能读取 ${FORMAT_VERSION}）。请更新 Neurite 后再打开。`);
    // A project as the editor saves it: an Input and a Dense.
    const doc = emptyDoc();
    const template = projectFromDoc({ ...doc, graph: chain(node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 1 })) }, 'test');
    const wrongType = refused(JSON.stringify({ ...template, training: { ...template.training, epochs: 'ten' } }));
    expect(wrongType).toBe('该文件 不是有效的 Neurite 项目：字段 `training.epochs`：应为 number，实际是 string。');
    const notJson = refused('{ nope', 'x.neurite');
    expect(notJson).toMatch(/^x\.neurite 不是 Neurite 项目：它不是有效的 JSON（/);
    // A file whose layer this version does not know: opened, with a warning in Chinese naming the node and the type.
    const unknown = parseProject(JSON.stringify({ ...template, graph: { ...template.graph, nodes: template.graph.nodes.map((n, i) => (i === 1 ? { ...n, type: 'Frobnicate' } : n)) } }), 'odd.neurite');
    if (!unknown.ok) throw new Error(unknown.error.message);
    expect(messageText(unknown.warnings[0], zhT)).toMatch(/^odd\.neurite：节点“\S+”的层类型是“Frobnicate”，此版本的 Neurite 不认识它。/);
  });

  it('a real model.json with a layer Neurite lacks, and a TF.js graph model, are refused in Chinese', () => {
    const zhT = translator('zh-CN');
    const modelJson = {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'seq',
          layers: [
            { class_name: 'InputLayer', config: { name: 'input_1', batch_input_shape: [null, 8, 4] } },
            { class_name: 'Bidirectional', config: { name: 'bi', layer: { class_name: 'LSTM', config: { units: 4 } } } },
          ],
        },
      },
    };
    const result = importLayersModel(modelJson);
    if (result.ok) throw new Error('imported');
    expect(result.error.code).toBe('unsupported-layers');
    expect(messageText(result.error, translator('en'))).toBe(result.error.message);
    const chinese = messageText(result.error, zhT);
    expect(chinese).toBe('模型用到了 1 个 Neurite 尚不支持的层：Bidirectional (layer "bi")。没有导入任何内容。');
    const graph = importLayersModel({ format: 'graph-model', modelTopology: { node: [] } });
    if (graph.ok) throw new Error('imported');
    expect(messageText(graph.error, zhT)).toMatch(/^这是一个 TF\.js 图模型/);
  });

  it('a real row given to predict with a word where a number goes is refused in Chinese', () => {
    const p = csvPreprocessing({ columns: flowers.columns, transform: { means: [0], stds: [1], categories: {} }, normalize: false });
    let error: unknown;
    try {
      applyPreprocessing(p, [['long']]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PreprocessError);
    const e = error as PreprocessError;
    expect(messageText(e, translator('en'))).toBe(e.message);
    expect(messageText(e, translator('zh-CN'))).toBe('第 1 行，列“petal length”：应为数字，实际是 "long"。');
  });

  it('exporting Python from a model with a problem is refused in Chinese, the problem itself in Chinese', () => {
    const project = projectFromDoc({ ...emptyDoc(), graph: { nodes: [node('in', 'Input', { shape: [1] }), node('d', 'Dense', { units: 1 })], edges: [] } }, 'test');
    let error: unknown;
    try {
      toKerasPython(project as Parameters<typeof toKerasPython>[0], { dataStem: 'model' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodegenError);
    const e = error as CodegenError;
    expect(codegenErrorText(e, translator('en'))).toBe(e.message);
    const chinese = codegenErrorText(e, translator('zh-CN'));
    expect(chinese).toMatch(/^模型有 2 个问题需要先解决，才能导出代码：\n- Input 之后还没有任何层。/);
    expect(chinese).toContain("Dense 没有连接到 Input");
    expect(englishSentence(chinese)).toBeNull();
  });
});
