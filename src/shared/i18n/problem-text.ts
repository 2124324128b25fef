import type { GraphProblem } from '../api/contract';
import type { ProblemFix } from '../graph/fixes';
import { renderProblemText } from '../graph/problem-text';
import { lossLabelKey, lossNameKey } from '../losses';
import { layerDescriptionKey, layerLabelKey, optimizerDescriptionKey, optimizerLabelKey, paramHelpKey, paramLabelKey } from '../layers/messages';
import type { LayerDefinition, ParamSpec } from '../layers/types';
import { en, type MessageKey } from './en';
import type { Translate } from './translate';
import type { CodegenError } from '../codegen/common';
import { codegenProblemList } from '../codegen/messages';

/**
 * Issue 16: registry texts and graph problems in the UI's language, for the renderer and the
 * command line (`--lang`) alike. Problems and fix labels that
 * carry a `messageId`/`labelId` are rendered from the dictionary; others keep their English
 * `message` (e.g. shape messages the layers word themselves).
 */
const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(en, key);
const render = (t: Translate) => (key: string, vars?: Record<string, string | number>) => t(key as MessageKey, vars);

/** A graph problem's message in the language of `t`. */
export function problemText(problem: Pick<GraphProblem, 'message' | 'messageId' | 'params'>, t: Translate): string {
  return renderProblemText(problem, render(t), has);
}

/**
 * A loss's words in the language of `t` (trial 10, 9): `label` for the Loss dropdown ("Mean squared
 * error (mean_squared_error)", 均方误差 (mean_squared_error)), `name` inside sentences, as the
 * problems and fixes use it.
 */
export function lossText(id: string, t: Translate): { label: string; name: string } {
  return { label: t(lossLabelKey(id) as MessageKey), name: t(lossNameKey(id) as MessageKey) };
}

/**
 * Any message that crossed from src/shared or src/main as data (`messageId` + `params`, see
 * `MessageWordsFields` in the API contract: run ends, CSV and file errors, service errors) in the
 * language of `t`; its English `message` when it has no id or an id this dictionary lacks.
 */
export function messageText(item: { message: string; messageId?: string; params?: Record<string, string | number> }, t: Translate): string {
  return renderProblemText(item, render(t), has);
}

/** A one-click fix's button label in the language of `t`. */
export function fixLabel(fix: ProblemFix, t: Translate): string {
  return renderProblemText({ message: fix.label, messageId: fix.labelId, params: fix.labelParams }, render(t), has);
}

/** A layer's label and description in the language of `t` (English: the registry entry's own). */
export function layerText(def: LayerDefinition, t: Translate): { label: string; description: string } {
  return { label: t(layerLabelKey(def) as MessageKey), description: t(layerDescriptionKey(def) as MessageKey) };
}

/** A layer param's label and help in the language of `t`. */
export function paramText(def: LayerDefinition, spec: ParamSpec, t: Translate): { label: string; help: string } {
  return { label: t(paramLabelKey(def, spec) as MessageKey), help: t(paramHelpKey(def, spec) as MessageKey) };
}

/** An optimizer's label and description in the language of `t`. */
export function optimizerText(id: string, t: Translate): { label: string; description: string } {
  return { label: t(optimizerLabelKey(id) as MessageKey), description: t(optimizerDescriptionKey(id) as MessageKey) };
}

/** Issue 16: why code cannot be exported, in the language of `t` (each listed problem worded by `problemText`). */
export function codegenErrorText(error: CodegenError, t: Translate): string {
  if (!error.messageId) return error.message;
  const params = error.problems ? { ...error.params, list: codegenProblemList(error.problems, render(t), (p) => problemText(p, t)) } : error.params;
  return messageText({ message: error.message, messageId: error.messageId, params }, t);
}
