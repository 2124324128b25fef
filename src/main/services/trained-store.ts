import { randomBytes } from 'node:crypto';
import type { Project, RunRecord, Trained } from '../../shared/project/schema';
import { isTrainedRef, trainedRef, type TrainedRef, type WireProject, type WireRunRecord, type WireTrained } from '../../shared/project/wire';
import { ServiceError } from './errors';

/**
 * Trained weights kept in main by reference, so they never travel through the renderer after a
 * run, on save or on backup (see shared/project/wire.ts). Bounded: the least recently used
 * entries beyond `maxEntries` or `maxBytes` (float32 bytes) are dropped; a window holds one
 * reference at a time, so the bound only matters for long sessions with many runs and opens.
 */
export class TrainedStore {
  private readonly entries = new Map<string, Trained>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 16,
    private readonly maxBytes = 4 * 1024 ** 3,
  ) {}

  /** Keeps a trained section and answers its reference form. */
  put(trained: Trained): TrainedRef {
    const ref = `w${randomBytes(8).toString('hex')}`;
    this.entries.set(ref, trained);
    this.bytes += sizeOf(trained);
    this.evict(ref);
    return trainedRef(trained, ref);
  }

  /**
   * The full section for a wire one: inline weights as they are, a reference from the store.
   * @throws ServiceError `weights-missing` when the reference is unknown (main restarted, or evicted).
   */
  resolve(trained: WireTrained): Trained {
    if (!isTrainedRef(trained)) return trained;
    const kept = this.entries.get(trained.ref);
    if (!kept) {
      throw new ServiceError(
        'weights-missing',
        'The trained weights of this project are no longer in memory (Neurite was restarted or many models were trained since). Train again, or reopen the saved project.',
      );
    }
    // Most recently used last.
    this.entries.delete(trained.ref);
    this.entries.set(trained.ref, kept);
    const { ref: _ref, tensors: _tensors, values: _values, ...rest } = trained;
    return { ...rest, weights: kept.weights };
  }

  /**
   * A project from the renderer with its weights in place (for saving, backing up, training on):
   * the `trained` section's and every run record's (issue 15).
   * @throws ServiceError `weights-missing` as {@link resolve}.
   */
  resolveProject(project: WireProject): Project {
    const { runs, ...rest } = project;
    const withTrained = project.trained ? { ...rest, trained: this.resolve(project.trained) } : (rest as Project);
    return runs ? { ...withTrained, runs: runs.map((run) => this.resolveRun(run)) } : withTrained;
  }

  /** A project for the renderer: its weights kept here, a reference in their place (the `trained` section's and every run's). */
  referProject(project: Project): WireProject {
    const { runs, ...rest } = project;
    const withTrained: WireProject = project.trained ? { ...rest, trained: this.put(project.trained) } : rest;
    return runs ? { ...withTrained, runs: runs.map((run) => this.referRun(run)) } : withTrained;
  }

  /** A run record with its weights by reference (none when it kept none). */
  referRun(run: RunRecord): WireRunRecord {
    const { weights, ...rest } = run;
    if (!weights || weights.length === 0) return rest;
    const { ref } = this.put({
      trainedAt: run.startedAt,
      reason: run.status === 'failed' ? 'stopped' : run.status,
      graphHash: run.graphHash,
      settingsHash: run.settingsHash,
      datasetHash: run.datasetHash,
      weights,
      history: [],
    });
    return { ...rest, weightsRef: ref };
  }

  /** A run record with its weights inline (from a reference, or as they came). */
  resolveRun(run: WireRunRecord): RunRecord {
    const { weightsRef, ...rest } = run;
    if (!weightsRef) return rest;
    const kept = this.entries.get(weightsRef);
    if (!kept) {
      throw new ServiceError(
        'weights-missing',
        `The weights kept for run ${run.number} are no longer in memory (Neurite was restarted or many models were trained since). Unpin the run, or reopen the saved project.`,
      );
    }
    return { ...rest, weights: kept.weights };
  }

  private evict(keep: string): void {
    for (const [ref, trained] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      if (ref === keep) continue;
      this.entries.delete(ref);
      this.bytes -= sizeOf(trained);
    }
  }
}

/** Bytes of float32 weight data (base64 text is 4/3 of that; counted as the data it stands for). */
function sizeOf(trained: Trained): number {
  return trained.weights.reduce((n, w) => n + (w.data.length * 3) / 4, 0);
}
