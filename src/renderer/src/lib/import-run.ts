import { api, ApiCallError } from '../api';
import { useToast } from '../components/Toast';
import { host } from '../host';
import { tr, type MessageKey } from '../i18n';
import { addImportedRun, useRun } from '../store/training';
import { useEditor } from '../store/editor';
import { useUi } from '../store/ui';
import { projectFromDoc } from '../store/document';
import { uploadInChunks } from './upload';

/**
 * Issue 18, back into the app: "Import training run…" (File menu, command palette). The user gives
 * the result a training package's train.py wrote: its folder in main's native dialog (desktop), or
 * its three files picked in the page and uploaded through the one upload path (lib/upload.ts;
 * browser host). Main reads and checks it with the reader `neurite import-run` uses
 * (src/main/engine/package-result.ts; the weights in the trainer process) and answers the run
 * record and trained section by reference; the run joins the document's runs and its weights
 * become the document's model, loaded so Predict uses them at once (store/training.ts addImportedRun).
 */

/** The files train.py writes into its result folder (src/shared/codegen/distributed.ts). */
export const RESULT_FILES = ['training-log.jsonl', 'model.json', 'weights.bin'] as const;

const toast = (message: string, sticky = false) => useToast.getState().show(message, null, sticky ? { sticky } : undefined);

/**
 * The refusal of a result that does not belong to this project, in the UI language, from the
 * error's details (`[{ changed, project? }]`, src/shared/api/contract.ts `runs.importPackage`).
 * Null when `error` is not that refusal.
 */
export function otherProjectMessage(error: unknown): string | null {
  if (!(error instanceof ApiCallError) || error.code !== 'other-project') return null;
  const detail = (error.details?.[0] ?? {}) as { changed?: unknown; project?: unknown };
  const changed = Array.isArray(detail.changed) ? detail.changed.filter((k): k is 'graph' | 'settings' | 'dataset' => k === 'graph' || k === 'settings' || k === 'dataset') : [];
  if (changed.length === 0) return error.message;
  return tr('importRun.otherProject', {
    what: changed.map((k) => tr(`importRun.changed.${k}` as MessageKey)).join(tr('importRun.and')),
    from: typeof detail.project === 'string' ? tr('importRun.otherProjectFrom', { project: detail.project }) : '',
  });
}

/** Runs "Import training run…": see the module comment. Every failure is said in a toast; nothing changes then. */
export async function importTrainingRun(): Promise<void> {
  try {
    const picked = await host.pickRunResult();
    if (!picked) return;
    let source: { kind: 'folder' } | { kind: 'uploads'; uploadIds: string[] };
    if (picked.kind === 'files') {
      const names = picked.files.map((f) => f.name);
      // weights.bin may have another name (model.json's manifest names it): the log and model.json must be there.
      if (!names.includes('training-log.jsonl') || !names.includes('model.json') || picked.files.length > RESULT_FILES.length) {
        toast(tr('importRun.pickThree', { got: names.join(', ') }));
        return;
      }
      const uploadIds: string[] = [];
      for (const file of picked.files) {
        toast(tr('importRun.uploading', { name: file.name }), true);
        uploadIds.push((await uploadInChunks(file, () => undefined)).uploadId);
      }
      source = { kind: 'uploads', uploadIds };
    } else {
      source = { kind: 'folder' };
    }
    const doc = useEditor.getState().doc;
    const project = projectFromDoc(doc, useRun.getState().app?.version ?? '0.0.0');
    if (source.kind === 'uploads') toast(tr('importRun.reading'), true);
    const { imported } = await api['runs.importPackage']({ project, source });
    if (!imported) {
      useToast.getState().hide();
      return;
    }
    // The model, settings or data changed (or another project opened) while main read the files: the run was checked against the old ones.
    const now = useEditor.getState().doc;
    if (now.graph !== doc.graph || now.training !== doc.training || now.dataset !== doc.dataset) {
      void api['model.release']({ refs: [imported.trained.ref] }).catch(() => undefined);
      toast(tr('importRun.changedMeanwhile'));
      return;
    }
    const added = await addImportedRun(imported.record, imported.trained);
    useUi.getState().setRunView('runs');
    toast(tr('importRun.imported', { number: added.number, backend: added.backend, epochs: added.history.length }));
  } catch (error) {
    toast(otherProjectMessage(error) ?? tr('importRun.failed', { message: error instanceof Error ? error.message : String(error) }));
  }
}
