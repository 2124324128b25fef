import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/shared/project/schema';
import { validateGraph } from '../../src/shared/graph/validate';
import { datasetInfo } from '../../src/main/engine/dataset-info';
import { problemText } from '../../src/shared/i18n/problem-text';
import { translator } from '../../src/shared/i18n/translate';
import { displayWidth } from '../../src/main/cli/runs';

/**
 * Issue 16: the command line in the language of `--lang`, else NEURITE_LANG, else the POSIX
 * locale (LC_ALL, LC_MESSAGES, LANG). Runs the built command line (`npm run build` first).
 */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const TEMPLATES = path.resolve(__dirname, '../../resources/templates');

/** The environment without any language setting, plus `env`. */
function neurite(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LANGUAGE|LC_.*|NEURITE_LANG)$/.test(k)));
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const HAN = /[\u4e00-\u9fff]/;

/** The tutorial regression with its Dense given 3 units: the data has one target, so the graph is refused (problem.output-units-vs-targets). */
function projectWithProblem(): { file: string; project: Project } {
  const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), 'utf8')) as Project;
  project.graph.nodes.find((n) => n.id === 'dense')!.params.units = 3;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'problem.neurite');
  writeFileSync(file, JSON.stringify(project));
  return { file, project };
}

/** A graph with a layer that no data reaches (problem.disconnected.fromInput): refused by summary as well. */
function projectWithGraphOnlyProblem(): string {
  const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), 'utf8')) as Project;
  project.graph.edges = project.graph.edges.filter((e) => e.source !== 'input');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'graph.neurite');
  writeFileSync(file, JSON.stringify(project));
  return file;
}

describe('neurite command line in the user\'s language (issue 16)', () => {
  const { file, project } = projectWithProblem();
  const problems = validateGraph(project.graph, { data: datasetInfo(project.dataset), training: project.training }).filter((p) => p.severity === 'error');
  const zh = translator('zh-CN');

  it('train --lang zh-CN prints the graph problem in Chinese (and exits 4, as in English)', () => {
    expect(problems.length).toBeGreaterThan(0);
    const english = neurite(['train', file]);
    expect(english.code).toBe(4);
    expect(english.stderr).toContain(problems[0].message);
    const chinese = neurite(['--lang', 'zh-CN', 'train', file]);
    expect(chinese.code).toBe(4);
    const expected = problemText(problems[0], zh);
    expect(expected).toMatch(HAN);
    expect(chinese.stderr).toContain(expected);
    expect(chinese.stderr).not.toContain(problems[0].message);
    // The option may also follow the command.
    expect(neurite(['train', file, '--lang=zh-CN']).stderr).toContain(expected);
  });

  // Trial 10 (finding 20/15): a file that is not a project was refused in English under a Chinese locale.
  it('a file that is not a project is refused in Chinese (exit 3), in English under --json', () => {
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'broken.neurite');
    writeFileSync(broken, 'not json at all');
    const chinese = neurite(['train', broken], { LANG: 'zh_CN.UTF-8' });
    expect(chinese.code).toBe(3);
    expect(chinese.stderr).toMatch(HAN);
    expect(chinese.stderr).not.toMatch(/is not a Neurite project/);
    const json = neurite(['train', broken, '--json'], { LANG: 'zh_CN.UTF-8' });
    expect(json.stdout).toMatch(/is not a Neurite project/);
  });

  // Trial 10 (finding 14): inspect's decisions, problems and health items stayed English under --lang zh-CN.
  it('inspect words a bad CSV\'s decisions, problems and health in Chinese', () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'bad.csv');
    writeFileSync(bad, 'a,b,label\n1,2,x\n3,"oops,y\n');
    const english = neurite(['inspect', bad]);
    expect(english.stdout).toMatch(/quoted field that is never closed/);
    const chinese = neurite(['inspect', bad, '--lang', 'zh-CN']);
    expect(chinese.code).toBe(0);
    const tail = chinese.stdout.slice(chinese.stdout.indexOf('判断'));
    expect(tail).toMatch(HAN);
    // No English sentence (three English words in a row) after the table: decisions, problems and health are worded in Chinese.
    expect(tail.replace(/--\S+ "[^"]*"|training\.splitMode|"[^"]*"/g, '')).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
  });

  // Trial 11: a binary file given as CSV named its path twice ("x.csv: x.csv is not a text CSV file").
  it('refuses a binary file as CSV naming it once, in English and in Chinese', () => {
    const binary = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'photo.csv');
    writeFileSync(binary, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)));
    const english = neurite(['inspect', binary]);
    expect(english.code).toBe(2);
    expect(english.stderr.split(binary).length - 1).toBe(1);
    expect(english.stderr).toMatch(/is not a text CSV file/);
    const chinese = neurite(['inspect', binary, '--lang', 'zh-CN']);
    expect(chinese.stderr.split(binary).length - 1).toBe(1);
    expect(chinese.stderr).toMatch(/不是文本 CSV 文件/);
  });

  it('LANG=zh_CN.UTF-8 (and LC_ALL, NEURITE_LANG) choose Chinese; --lang overrides them', () => {
    const expected = problemText(problems[0], zh);
    expect(neurite(['train', file], { LANG: 'zh_CN.UTF-8' }).stderr).toContain(expected);
    expect(neurite(['train', file], { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }).stderr).toContain(expected);
    expect(neurite(['train', file], { LANG: 'en_US.UTF-8', NEURITE_LANG: 'zh-CN' }).stderr).toContain(expected);
    expect(neurite(['train', file, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }).stderr).toContain(problems[0].message);
  });

  it('summary in Chinese names the invalid graph in Chinese; --json keeps English codes and adds the localized text', () => {
    const graphFile = projectWithGraphOnlyProblem();
    const chinese = neurite(['summary', graphFile], { LANG: 'zh_CN.UTF-8' });
    expect(chinese.code).toBe(4);
    expect(chinese.stderr).toMatch(HAN);
    expect(chinese.stderr).not.toMatch(/invalid graph/);
    const json = JSON.parse(neurite(['summary', graphFile, '--json', '--lang', 'zh-CN']).stdout) as { error: string; problems: { message: string; text: string; messageId?: string }[] };
    expect(json.error).toBe('invalid-graph');
    expect(json.problems[0].message).not.toMatch(HAN);
    expect(json.problems[0].text).toMatch(HAN);
  });

  it('--help is in Chinese: the program, its commands and their options', () => {
    const help = neurite(['--lang', 'zh-CN', '--help']);
    expect(help.code).toBe(0);
    const describe = (line: string) => line.replace(/^\s*\S+(\s\S+)*?\s{2,}/, '');
    const commandLines = help.stdout.split('\n').filter((l) => /^\s{2}(train|predict|summary|inspect|runs|sweep)\b/.test(l));
    expect(commandLines.length).toBe(6);
    for (const line of commandLines) expect(describe(line), line).toMatch(HAN);
    const train = neurite(['train', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(train.code).toBe(0);
    const epochs = train.stdout.split('\n').find((l) => l.includes('--epochs <n>'))!;
    expect(epochs).toMatch(HAN);
    expect(train.stdout).toMatch(/--lang <language>/);
    // English stays English.
    expect(neurite(['train', '--help']).stdout).toMatch(/--epochs <n>\s+train for N epochs/);
  });

  it('every command\'s options and arguments are described in Chinese', () => {
    for (const command of ['train', 'predict', 'summary', 'sweep', 'inspect', 'runs', 'import', 'export', 'lr-find', 'import-run']) {
      const help = neurite(['--lang', 'zh-CN', command, '--help']);
      expect(help.code, command).toBe(0);
      const items = help.stdout.split('\n').filter((l) => /^ {2}(-|[a-z<])/.test(l) && /\S {2,}\S/.test(l) && !l.includes('neurite '));
      expect(items.length, command).toBeGreaterThan(1);
      for (const line of items) expect(line, `${command}: ${line}`).toMatch(HAN);
    }
  });

  it('a run in Chinese: the epoch lines\' word, the outcome and its words, and the run history table (aligned by display width)', () => {
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-lang-')), 'runs.neurite');
    const train = neurite(['train', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--epochs', '3', '--save', saved], { LANG: 'zh_CN.UTF-8' });
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/^轮次 1\/3 - /m);
    expect(train.stdout).toMatch(/^结果：(已学会|没有学会) - 模型/m);
    expect(train.stdout).not.toMatch(/^(Epoch|Outcome|Trained in)/m);
    // predict with the saved weights, and with --retrain (training first, said on stderr).
    const predict = neurite(['predict', saved, '--input', '1'], { LANG: 'zh_CN.UTF-8' });
    expect(predict.code).toBe(0);
    expect(predict.stdout).toMatch(/^使用项目中保存的权重/m);
    const retrain = neurite(['predict', saved, '--input', '1', '--retrain', '--epochs', '2'], { LANG: 'zh_CN.UTF-8' });
    expect(retrain.stderr).toMatch(/给出了 --retrain；现在先训练（2 个轮次）再预测/);
    const runs = neurite(['runs', saved, '--lang', 'zh-CN']);
    expect(runs.code).toBe(0);
    const [title, header, row] = runs.stdout.split('\n');
    expect(title).toMatch(/1 次运行/);
    expect(header).toMatch(/^# +开始时间（UTC） +时长 +状态/);
    // The status column starts at the same terminal column in the header and the row (CJK characters take two).
    const column = (line: string, at: number) => displayWidth(line.slice(0, at));
    expect(column(row, row.indexOf('已完成'))).toBe(column(header, header.indexOf('状态')));
  });

  it('a sweep in Chinese: its plan, trials, results table and best trial', () => {
    const sweep = neurite(['sweep', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--grid', 'learningRate=0.1,0.01', '--epochs', '2', '--lang', 'zh-CN']);
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).toMatch(/^超参数搜索 .*：对 learningRate 做网格搜索：2 次试验/m);
    expect(sweep.stdout).toMatch(/^试验 2\/2：learningRate=0\.01$/m);
    expect(sweep.stdout).toMatch(/^结果，loss 最佳的在前：$/m);
    expect(sweep.stdout).toMatch(/^最佳：试验 \d/m);
    expect(sweep.stdout).not.toMatch(/^(Trial|Results|Best|Sweep) /m);
  });

  it('inspect in Chinese: the report\'s words (the file\'s names and values as they are)', () => {
    const inspect = neurite(['inspect', path.resolve(__dirname, '../fixtures/csv/house-prices.csv'), '--lang', 'zh-CN']);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/^house-prices\.csv：[\d,]+ 字节，240 行数据（整个文件）$/m);
    expect(inspect.stdout).toMatch(/^表头：有，第一行是列名（自动检测）$/m);
    expect(inspect.stdout).toMatch(/^标签：price_k - 猜测/m);
    expect(inspect.stdout).not.toMatch(/^(Delimiter|Header|Encoding|Columns|Label):/m);
  });

  it('an unknown --lang is a usage error naming the accepted values', () => {
    const bad = neurite(['--lang', 'fr', 'summary', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/fr/);
    expect(bad.stderr).toMatch(/en, zh-CN/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
