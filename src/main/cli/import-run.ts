import { resolve } from 'node:path';
import { type RunRecord, type Trained } from '../../shared/project/schema';
import { applyKeepPolicy } from '../../shared/runs/policy';
import type { PackageLog } from '../../shared/runs/package-log';
import { initBackend } from '../engine/backend';
import { PackageResultError, packageResultRecord, readPackageLog } from '../engine/package-result';
import { readPackageWeights } from '../engine/package-weights';
import { writeProjectFile } from './project-file';
import { EXIT, loadProject, type CliIo } from './run';
import { kindText } from './runs';
import { cliT } from './language';

/**
 * Issue 18, back into the app: `neurite import-run PROJECT.neurite RESULT_DIR [--save FILE]`.
 * Reads what the training package's train.py wrote into RESULT_DIR (training-log.jsonl, model.json
 * + weights.bin), checks it was trained from this project's graph, settings and data (the hashes
 * train.py carries), and adds it to the project's run history (the shared `makeRunRecord`, keep
 * policy applied) with its weights, which also become the project's trained weights, so predict
 * uses them. Without --save nothing is written: it says what would be added.
 */

class ImportRunError extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function runImportRun(projectFile: string, dir: string, flags: { save?: string; json?: boolean }, io: CliIo): Promise<number> {
  const json = flags.json ?? false;
  try {
    const loaded = loadProject(projectFile, cliT(io));
    if (!loaded.ok) throw new ImportRunError(EXIT.badProject, 'bad-project', json ? loaded.message : loaded.text);
    const project = loaded.project;
    const folder = resolve(dir);
    // The one reader of a package's result, shared with the app's "Import training run…" (engine/package-result.ts).
    let log: PackageLog, trained: Trained, outcomeKind: string | undefined, record: RunRecord;
    try {
      log = await readPackageLog(project, { dir: folder });
      await initBackend();
      ({ trained, outcomeKind } = await readPackageWeights(project, log, { dir: folder }));
      ({ record } = packageResultRecord(project, log, outcomeKind, project.runs ?? [], trained.weights));
    } catch (error) {
      if (error instanceof PackageResultError) throw new ImportRunError(error.kind === 'input' ? EXIT.usage : EXIT.badProject, error.code, error.message);
      throw error;
    }
    const runs = applyKeepPolicy([...(project.runs ?? []), record], project.runsBestBy);
    let saved: string | undefined;
    if (flags.save) {
      saved = resolve(flags.save);
      try {
        await writeProjectFile(saved, { ...project, trained, runs });
      } catch (error) {
        throw new ImportRunError(EXIT.badProject, 'write-failed', `Cannot write ${saved}: ${(error as Error).message}`);
      }
    }
    const last = log.history[log.history.length - 1];
    if (json) {
      io.out(JSON.stringify({ ok: true, run: { id: record.id, number: record.number, status: record.status, backend: record.backend, epochs: log.history.length, finalLogs: record.finalLogs, ...(record.test ? { test: record.test } : {}), ...(outcomeKind ? { outcome: outcomeKind } : {}) }, ...(saved ? { saved } : {}) }));
    } else {
      const t = cliT(io);
      const logs = Object.entries(last.logs).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join(', ');
      io.out(t('cli.importRun.run', { number: record.number, backend: record.backend, replicas: log.replicas, status: t(`cli.reason.${record.status}`), epochs: log.history.length, logs }));
      if (outcomeKind) io.out(t('cli.importRun.outcome', { kind: kindText(outcomeKind, t) }));
      io.out(saved ? t('cli.importRun.saved', { file: saved }) : t('cli.importRun.notSaved'));
    }
    return EXIT.ok;
  } catch (error) {
    const e = error instanceof ImportRunError ? error : new ImportRunError(EXIT.badProject, 'failed', error instanceof Error ? error.message : String(error));
    if (json) io.out(JSON.stringify({ ok: false, error: e.code, message: e.message }));
    else io.err(`neurite: ${e.message}`);
    return e.exitCode;
  }
}
