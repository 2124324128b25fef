import type { GraphProblem } from '../api/contract';
import { renderTemplate, wordsFor, type MessageRenderer } from '../graph/problem-text';

/**
 * Issue 16: why code cannot be exported, as data. The English is written once here; common.ts
 * and distributed.ts raise these ids (CodegenError `messageId` + `params`) and keep the English
 * `message` (CLI, logs); src/shared/i18n/en.ts spreads the table and zh-CN translates it.
 * `codegen.problems` lists the model's first problems, one line each (`codegenProblemList`).
 */
export const CODEGEN_MESSAGES_EN = {
  'codegen.cycle': 'The graph has a cycle through {nodes}; remove it before exporting code.',
  'codegen.empty': 'The graph is empty; add layers before exporting code.',
  'codegen.problems': 'The model has {count, plural, one {# problem} other {# problems}} to fix before exporting code:\n{list}',
  'codegen.problemLine': '- {problem} (node {node})',
  'codegen.problemLinePlain': '- {problem}',
  'codegen.more': '- and {count} more',
  'codegen.unknownLayer': 'Node "{node}" has layer type "{type}", which Neurite does not know; replace it before exporting code.',
  'codegen.oneOutput': 'The training package trains models with one output; this model has {count}.',
} as const;

export type CodegenMessageId = keyof typeof CODEGEN_MESSAGES_EN;

/** English renderer of this table. */
export const englishCodegen: MessageRenderer = (key, vars) => renderTemplate(CODEGEN_MESSAGES_EN, key, vars);

/** The problems' lines as `codegen.problems` lists them (the first 5, then "and N more"), each problem worded by `problem`. */
export function codegenProblemList(problems: readonly GraphProblem[], render: MessageRenderer, problem: (p: GraphProblem) => string): string {
  const lines = problems.slice(0, 5).map((p) => (p.nodeId ? render('codegen.problemLine', { problem: problem(p), node: p.nodeId }) : render('codegen.problemLinePlain', { problem: problem(p) })));
  if (problems.length > 5) lines.push(render('codegen.more', { count: problems.length - 5 }));
  return lines.join('\n');
}

/** The words of codegen message `messageId`: id, params and the English `message`. */
export const codegenWords = wordsFor(CODEGEN_MESSAGES_EN);
