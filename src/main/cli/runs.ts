import type { Command } from 'commander';
import { cliT } from './language';
import type { MessageKey, Translate } from '../../shared/i18n/translate';
import { en } from '../../shared/i18n/en';
import type { RunRecord } from '../../shared/project/schema';
import { differingFields } from '../../shared/runs/columns';
import { bestRunId, latestRunId, resolveBestBy, runsKeepingWeights } from '../../shared/runs/policy';
import { describeRunChange, formatChangeValue } from '../../shared/runs/diff';
import { kerasLogName } from '../../shared/training/epoch-log';
import { formatLogValue } from '../../shared/training/outcome-text';
import { EXIT, loadProject, type CliIo } from './run';

/**
 * `neurite runs PROJECT.neurite [--json]` (issue 15): the project's run history as a table — run
 * number, start time (UTC), duration, status, the settings and layer params that differ between
 * runs, final logs, whether it keeps weights (and why: pinned, best) and its note — or, with
 * --json, the run records without their weights.
 */

/** Columns a text takes in a terminal: CJK characters and full-width forms take two (Unicode East Asian Width W/F, the common ranges). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** An outcome kind as recorded (a file may hold one this version does not know: shown as it is). */
export function kindText(kind: string, t: Translate): string {
  const key = `cli.kind.${kind}`;
  return Object.prototype.hasOwnProperty.call(en, key) ? t(key as MessageKey) : kind;
}

/** Final log keys in the trainer's order: loss, metrics, then their val_ and test_ forms. */
function logOrder(keys: Iterable<string>): string[] {
  const rank = (k: string) => (k.startsWith('test_') ? 2 : k.startsWith('val_') ? 1 : 0);
  const base = (k: string) => k.replace(/^(val_|test_)/, '');
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (base(a) === 'loss' ? -1 : base(b) === 'loss' ? 1 : base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : 0));
}

/** `2026-11-30 01:02:03` (UTC) from an ISO time; the text as given when it is not one. */
function startedText(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : iso;
}

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A note on one line, at most `max` characters (an ellipsis when cut). */
function noteText(note: string, max = 40): string {
  const line = note.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The table's lines (header, one per run) and the lines after it (failed runs' messages, the keep policy). */
export function formatRuns(file: string, project: { runs?: RunRecord[]; runsBestBy?: Parameters<typeof resolveBestBy>[1] }, t: Translate = cliT({})): string[] {
  const runs = project.runs ?? [];
  if (runs.length === 0) return [t('cli.runs.none', { file })];
  const bestBy = resolveBestBy(runs, project.runsBestBy);
  const best = bestRunId(runs, bestBy);
  const keeping = runsKeepingWeights(runs, project.runsBestBy);
  const latest = latestRunId(runs);
  const fields = differingFields(runs);
  const logs = logOrder(runs.flatMap((r) => [...Object.keys(r.finalLogs), ...Object.keys(r.test ?? {})]));
  const header = ['#', t('cli.runs.header.started'), t('cli.runs.header.duration'), t('cli.runs.header.status'), ...fields.map((f) => f.label), ...logs.map(kerasLogName), t('cli.runs.header.weights'), t('cli.runs.header.note')];
  const rows = runs.map((run, i) => {
    const values: Record<string, number> = { ...run.finalLogs, ...(run.test ?? {}) };
    const why = [run.pinned ? t('cli.runs.pinned') : '', run.id === best ? t('cli.runs.best') : '', run.id === latest ? t('cli.runs.latest') : ''].filter(Boolean).join(', ');
    const weights = (run.weights?.length ?? 0) > 0 ? `${t('cli.runs.kept')}${why ? ` (${why})` : ''}` : keeping.has(run.id) ? `${t('cli.runs.notKept')} (${why})` : '—';
    return [
      String(run.number),
      startedText(run.startedAt),
      durationText(run.durationMs),
      run.outcomeKind && run.status !== 'failed' ? `${t(`cli.reason.${run.status}`)} (${kindText(run.outcomeKind, t)})` : t(`cli.reason.${run.status}`),
      ...fields.map((f) => formatChangeValue(f.values[i])),
      ...logs.map((k) => (values[k] === undefined ? '—' : formatLogValue(values[k]))),
      weights,
      noteText(run.note),
    ];
  });
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const line = (cells: string[]) => cells.map((cell, c) => cell + ' '.repeat(widths[c] - displayWidth(cell))).join('  ').trimEnd();
  const failed = runs.filter((r) => (r.status === 'failed' || r.status === 'diverged') && r.message).map((r) => t('cli.runs.failedLine', { number: r.number, status: t(`cli.reason.${r.status}`), message: r.message! }));
  // The readable diff each run keeps against the run before it (src/shared/runs/diff.ts).
  const changes = runs
    .filter((r) => r.changes && r.changes.items.length > 0)
    .map((r) => t('cli.runs.changeLine', { number: r.number, previous: r.changes!.previous, changes: r.changes!.items.map(describeRunChange).join('; ') }));
  const direction = t(bestBy.mode === 'min' ? 'cli.runs.lowest' : 'cli.runs.highest');
  return [
    t('cli.runs.title', { file, count: runs.length, monitor: kerasLogName(bestBy.monitor), direction, best: best ? t('cli.runs.bestRun', { number: runs.find((r) => r.id === best)!.number }) : '' }),
    line(header),
    ...rows.map(line),
    ...(changes.length > 0 ? ['', t('cli.runs.changes'), ...changes] : []),
    ...failed,
  ];
}

/** `--json`: the run records without their weights (`keepsWeights` says whether the file has them), with the best-by and the differing fields. */
export function runsJson(file: string, project: { runs?: RunRecord[]; runsBestBy?: Parameters<typeof resolveBestBy>[1] }) {
  const runs = project.runs ?? [];
  const bestBy = resolveBestBy(runs, project.runsBestBy);
  return {
    ok: true,
    file,
    bestBy,
    bestRunId: bestRunId(runs, bestBy),
    differing: differingFields(runs).map(({ key, label }) => ({ key, label })),
    runs: runs.map(({ weights, ...rest }) => ({ ...rest, keepsWeights: (weights?.length ?? 0) > 0 })),
  };
}

async function runRuns(file: string, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const loaded = loadProject(file, cliT(io));
  if (!loaded.ok) {
    if (flags.json) io.out(JSON.stringify({ ok: false, error: 'bad-project', message: loaded.message, field: loaded.field }));
    else io.err(`neurite: ${loaded.text}`);
    return EXIT.badProject;
  }
  if (flags.json) io.out(JSON.stringify(runsJson(file, loaded.project)));
  else for (const line of formatRuns(file, loaded.project, cliT(io))) io.out(line);
  return EXIT.ok;
}

/** Adds `neurite runs` to the program (main.ts). */
export function addRunsCommand(program: Command, io: CliIo, done: (code: Promise<number>) => void, exitCodes: string): void {
  program
    .command('runs')
    .description(cliT(io)('cli.cmd.runs'))
    .argument('<project>', cliT(io)('cli.arg.project'))
    .option('--json', cliT(io)('cli.opt.runs.json'))
    .addHelpText('after', '\n' + cliT(io)('cli.notes.runs') + '\n' + exitCodes)
    .action(async (file: string, flags: { json?: boolean }) => {
      done(runRuns(file, flags, io));
    });
}
