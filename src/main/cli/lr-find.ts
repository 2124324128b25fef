import { InvalidArgumentError, type Command } from 'commander';
import { cliT } from './language';
import { displayWidth } from './runs';
import { optimizerText } from '../../shared/i18n/problem-text';
import type { MessageKey } from '../../shared/i18n/translate';
import { initBackend } from '../engine/backend';
import { findLearningRate } from '../engine/lr-finder';
import { refuseUntrainable } from '../engine/trainer-host';
import { ServiceError } from '../services/errors';
import { formatLogValue } from '../../shared/training/outcome-text';
import { describeLrFinder } from '../../shared/training/lr-finder-text';
import { formatLearningRate, LR_FINDER_DEFAULTS, LR_FINDER_LIMITS, resolveLrFinderOptions, type LrFinderOptions, type LrFinderResult } from '../../shared/training/lr-finder';
import { EXIT, invalidGraphLines, loadProject, type CliIo } from './run';
import type { GraphProblem } from '../../shared/api/contract';

/**
 * Issue 15: `neurite lr-find PROJECT.neurite [--start-lr X] [--end-lr Y] [--steps N] [--json]`,
 * the learning-rate range test of the app's "Find…" dialog (src/main/engine/lr-finder.ts) in
 * this process, with the app's checks (`refuseUntrainable`) and its sentences (lr-finder-text.ts).
 */

/** The text table shows about this many rows (every k-th batch and the last); --json has them all. */
const TABLE_ROWS = 25;

function parseRate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > LR_FINDER_LIMITS.maxLr) throw new InvalidArgumentError(`Expected a number above 0 and at most ${LR_FINDER_LIMITS.maxLr}, e.g. 1e-5.`);
  return n;
}

function parseSteps(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < LR_FINDER_LIMITS.minSteps || n > LR_FINDER_LIMITS.maxSteps) {
    throw new InvalidArgumentError(`Expected a whole number from ${LR_FINDER_LIMITS.minSteps} to ${LR_FINDER_LIMITS.maxSteps}.`);
  }
  return n;
}

interface LrFindFlags {
  startLr?: number;
  endLr?: number;
  steps?: number;
  json?: boolean;
}

export function addLrFindCommand(program: Command, io: CliIo, done: (code: Promise<number>) => void, exitCodes: string): void {
  program
    .command('lr-find')
    .description(cliT(io)('cli.cmd.lr-find'))
    .argument('<project>', cliT(io)('cli.arg.project'))
    .option('--start-lr <rate>', cliT(io)('cli.opt.lrFind.startLr', { value: LR_FINDER_DEFAULTS.startLr }), parseRate)
    .option('--end-lr <rate>', cliT(io)('cli.opt.lrFind.endLr', { value: LR_FINDER_DEFAULTS.endLr }), parseRate)
    .option('--steps <n>', cliT(io)('cli.opt.lrFind.steps', { value: LR_FINDER_DEFAULTS.steps }), parseSteps)
    .option('--json', cliT(io)('cli.opt.json'))
    .addHelpText('after', '\n' + cliT(io)('cli.notes.lr-find') + '\n' + exitCodes)
    .action(async (file: string, flags: LrFindFlags) => {
      done(runLrFind(file, flags, io));
    });
}

async function runLrFind(file: string, flags: LrFindFlags, io: CliIo): Promise<number> {
  const fail = (code: number, error: string, message: string, extra: Record<string, unknown> = {}) => {
    if (flags.json) io.out(JSON.stringify({ ok: false, error, message, ...extra }));
    else io.err(`neurite: ${message}`);
    return code;
  };
  const options: LrFinderOptions = Object.fromEntries(Object.entries({ startLr: flags.startLr, endLr: flags.endLr, steps: flags.steps }).filter(([, v]) => v !== undefined));
  try {
    resolveLrFinderOptions(options);
  } catch (error) {
    return fail(EXIT.usage, 'bad-value', (error as Error).message.replace('endLr', '--end-lr').replace('startLr', '--start-lr'));
  }
  const loaded = loadProject(file, cliT(io));
  if (!loaded.ok) return fail(EXIT.badProject, 'bad-project', flags.json ? loaded.message : loaded.text, { field: loaded.field });
  const project = loaded.project;
  try {
    refuseUntrainable(project);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    // The graph's problems in the language of the call (the error's message is their English).
    if (!flags.json && error.code === 'invalid-graph' && error.details?.length) {
      for (const problem of error.details as GraphProblem[]) for (const line of invalidGraphLines(problem, cliT(io))) io.err(line);
      return EXIT.invalidGraph;
    }
    return fail(error.code === 'invalid-graph' ? EXIT.invalidGraph : EXIT.usage, error.code, error.message, error.details ? { problems: error.details } : {});
  }
  const backend = await initBackend();
  let result: LrFinderResult;
  try {
    result = await findLearningRate(project, options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return fail(code === 'invalid-graph' ? EXIT.invalidGraph : code === 'bad-data' ? EXIT.usage : EXIT.trainingFailed, typeof code === 'string' ? code : 'lr-find-failed', (error as Error).message);
  }
  const text = describeLrFinder(result);
  if (flags.json) {
    io.out(JSON.stringify({ ok: true, backend, optimizer: project.training.optimizer.type, currentLearningRate: project.training.optimizer.learningRate, ...result, text }));
    return EXIT.ok;
  }
  // The words in the call's language (--json keeps the English `text`).
  const t = cliT(io);
  const said = describeLrFinder(result, (key, vars) => t(key as MessageKey, vars));
  const backendLine = t('cli.backend', { name: backend.name });
  io.out(backend.fallbackReasons.length > 0 ? `${backendLine} (${backend.fallbackReasons.join(' ')})` : backendLine);
  io.out(t('cli.lrFind.optimizer', { optimizer: optimizerText(project.training.optimizer.type, t).label, lr: project.training.optimizer.learningRate }));
  io.out(said.summary);
  io.out('');
  const pad = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
  io.out(`${pad(t('cli.lrFind.col.batch'), 6)}  ${pad(t('cli.lrFind.col.lr'), 13)}  ${pad(t('cli.lrFind.col.loss'), 10)}  ${pad(t('cli.lrFind.col.smoothed'), 10)}`);
  const every = Math.max(1, Math.ceil(result.points.length / TABLE_ROWS));
  result.points.forEach((p, i) => {
    if (i % every !== 0 && i !== result.points.length - 1) return;
    io.out(`${String(i + 1).padStart(6)}  ${p.lr.toExponential(2).padStart(13)}  ${formatLogValue(p.loss).padStart(10)}  ${formatLogValue(p.smoothed).padStart(10)}`);
  });
  io.out('');
  if (said.stopped) io.out(said.stopped);
  const s = result.suggestion;
  io.out(s.kind === 'minimum' ? `${t('cli.lrFind.suggested', { lr: formatLearningRate(s.lr) })} ${said.reason}` : said.reason);
  return EXIT.ok;
}
