import { randomBytes } from 'node:crypto';
import type { Project, RunRecord, Trained } from '../../shared/project/schema';
import { isTrainedRef, trainedRef, type TrainedRef, type WireProject, type WireRunRecord, type WireTrained } from '../../shared/project/wire';
import { ServiceError } from './errors';

/** Why a reference is no longer in the store, for the message that names it. */
type LostReason = 'evicted' | 'released';

/**
 * Trained weights kept in main by reference, so they never travel through the renderer after a
 * run, on save or on backup (see shared/project/wire.ts).
 *
 * Two kinds of entries (issue 15):
 * - **cached** (`put`): a `trained` section opened or loaded. The least recently used beyond
 *   `maxEntries` or `maxBytes` (float32 bytes) are dropped; a window holds one such reference at
 *   a time, so the bound only matters for long sessions with many opens.
 * - **held** (`put(…, { held: true })`, `model.keep`, a run record's weights from a file): weights
 *   a run record may refer to. They are never dropped to make room for others by count, only by
 *   `release` (the renderer releases the references its document no longer holds: the keep policy
 *   dropped them, a run was deleted, another project was opened) and, as the last guard of main's
 *   memory, when held weights exceed `maxHeldBytes` (default 2 GiB of float32 data; least
 *   recently used first). A reference that is gone is answered with a `weights-missing` error
 *   naming the run and why, never silently.
 */
export class TrainedStore {
  private readonly entries = new Map<string, Trained>();
  private readonly held = new Map<string, Trained>();
  /** References no longer here and why (the last 10 000), for the error that names them. */
  private readonly lost = new Map<string, LostReason>();
  private bytes = 0;
  private heldBytes = 0;

  constructor(
    private readonly maxEntries = 16,
    private readonly maxBytes = 4 * 1024 ** 3,
    private readonly maxHeldBytes = 2 * 1024 ** 3,
  ) {}

  /** Keeps a trained section and answers its reference form; `held` for weights a run record may refer to (see the class). */
  put(trained: Trained, options: { held?: boolean } = {}): TrainedRef {
    const ref = `w${randomBytes(8).toString('hex')}`;
    if (options.held) {
      this.held.set(ref, trained);
      this.heldBytes += sizeOf(trained);
      this.evictHeld(ref);
    } else {
      this.entries.set(ref, trained);
      this.bytes += sizeOf(trained);
      this.evict(ref);
    }
    return trainedRef(trained, ref);
  }

  /** Whether the store still has the weights of `ref`. */
  has(ref: string): boolean {
    return this.entries.has(ref) || this.held.has(ref);
  }

  /**
   * Lets go of held references no document refers to any more (the renderer's document dropped
   * them). Unknown references are ignored. Answers how many were released.
   */
  release(refs: readonly string[]): number {
    let released = 0;
    for (const ref of refs) {
      const kept = this.held.get(ref);
      if (!kept) continue;
      this.held.delete(ref);
      this.heldBytes -= sizeOf(kept);
      this.forget(ref, 'released');
      released++;
    }
    return released;
  }

  /** The weights of `ref`, marked most recently used; undefined when gone. */
  private take(ref: string): Trained | undefined {
    for (const map of [this.held, this.entries]) {
      const kept = map.get(ref);
      if (!kept) continue;
      map.delete(ref);
      map.set(ref, kept);
      return kept;
    }
    return undefined;
  }

  /**
   * The full section for a wire one: inline weights as they are, a reference from the store.
   * @throws ServiceError `weights-missing` when the reference is unknown (main restarted, or evicted).
   */
  resolve(trained: WireTrained): Trained {
    if (!isTrainedRef(trained)) return trained;
    const kept = this.take(trained.ref);
    if (!kept) {
      throw new ServiceError(
        'weights-missing',
        'The trained weights of this project are no longer in memory (Neurite was restarted or many models were trained since). Train again, or reopen the saved project.',
      );
    }
    const { ref: _ref, tensors: _tensors, values: _values, ...rest } = trained;
    return { ...rest, weights: kept.weights };
  }

  /**
   * A project from the renderer with its weights in place (for saving, training on): the
   * `trained` section's and every run record's (issue 15).
   * @throws ServiceError `weights-missing` as {@link resolve} and {@link resolveRun} (naming the run).
   */
  resolveProject(project: WireProject): Project {
    const { runs, ...rest } = project;
    const withTrained = project.trained ? { ...rest, trained: this.resolve(project.trained) } : (rest as Project);
    return runs ? { ...withTrained, runs: runs.map((run) => this.resolveRun(run)) } : withTrained;
  }

  /**
   * As {@link resolveProject}, but weights no longer here are left out instead of failing (the
   * crash backup: losing some weights must not lose the rest of the work). `missing` names what
   * was left out: `trained`, or run numbers.
   */
  resolveProjectLeniently(project: WireProject): { project: Project; missing: (number | 'trained')[] } {
    const missing: (number | 'trained')[] = [];
    const { runs, trained, ...rest } = project;
    let out: Project = rest;
    if (trained) {
      try {
        out = { ...out, trained: this.resolve(trained) };
      } catch {
        missing.push('trained');
      }
    }
    if (runs) {
      out = {
        ...out,
        runs: runs.map((run) => {
          try {
            return this.resolveRun(run);
          } catch {
            missing.push(run.number);
            const { weightsRef: _gone, ...kept } = run;
            return kept;
          }
        }),
      };
    }
    return { project: out, missing };
  }

  /** A project for the renderer: its weights kept here, a reference in their place (the `trained` section's and every run's). */
  referProject(project: Project): WireProject {
    const { runs, ...rest } = project;
    const withTrained: WireProject = project.trained ? { ...rest, trained: this.put(project.trained) } : rest;
    return runs ? { ...withTrained, runs: runs.map((run) => this.referRun(run)) } : withTrained;
  }

  /**
   * A project the page read itself (browser host), with whatever weights it carries inline (the
   * `trained` section, run records) kept here and referred to; references stay as they are.
   */
  referInline(project: WireProject): WireProject {
    const { runs, trained, ...rest } = project;
    const out: WireProject = trained ? { ...rest, trained: isTrainedRef(trained) ? trained : this.put(trained) } : rest;
    return runs ? { ...out, runs: runs.map((run) => (run.weightsRef ? run : this.referRun(run))) } : out;
  }

  /** A run record with its weights by reference (none when it kept none); the weights are held (see the class). */
  referRun(run: RunRecord | WireRunRecord): WireRunRecord {
    const { weights, ...rest } = run;
    if (!weights || weights.length === 0) return rest;
    const { ref } = this.put(
      {
        trainedAt: run.startedAt,
        reason: run.status === 'failed' ? 'stopped' : run.status,
        graphHash: run.graphHash,
        settingsHash: run.settingsHash,
        datasetHash: run.datasetHash,
        weights,
        history: [],
      },
      { held: true },
    );
    return { ...rest, weightsRef: ref };
  }

  /**
   * A run record with its weights inline (from a reference, or as they came).
   * @throws ServiceError `weights-missing` naming the run (its number) and why the weights are gone.
   */
  resolveRun(run: WireRunRecord): RunRecord {
    const { weightsRef, ...rest } = run;
    if (!weightsRef) return rest;
    const kept = this.take(weightsRef);
    if (!kept) {
      const why =
        this.lost.get(weightsRef) === 'evicted'
          ? `more than ${sizeText(this.maxHeldBytes)} of run weights were kept in this session and the least recently used were let go`
          : this.lost.get(weightsRef) === 'released'
            ? 'they were let go when the run stopped keeping them'
            : 'Neurite was restarted since they were kept';
      throw new ServiceError(
        'weights-missing',
        `The weights kept for run ${run.number} are no longer in memory (${why}), so they cannot be saved with it. Unpin run ${run.number} or delete it, then save again; or reopen the saved project to get them back.`,
        [{ run: run.id, number: run.number }],
      );
    }
    return { ...rest, weights: kept.weights };
  }

  private forget(ref: string, why: LostReason): void {
    this.lost.set(ref, why);
    if (this.lost.size > 10_000) this.lost.delete(this.lost.keys().next().value!);
  }

  private evict(keep: string): void {
    for (const [ref, trained] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      if (ref === keep) continue;
      this.entries.delete(ref);
      this.bytes -= sizeOf(trained);
      this.forget(ref, 'evicted');
    }
  }

  private evictHeld(keep: string): void {
    for (const [ref, trained] of this.held) {
      if (this.heldBytes <= this.maxHeldBytes) return;
      if (ref === keep) continue;
      this.held.delete(ref);
      this.heldBytes -= sizeOf(trained);
      this.forget(ref, 'evicted');
      console.error(`TrainedStore: run weights ${ref} were let go: held run weights exceeded ${this.maxHeldBytes} bytes.`);
    }
  }
}

/** Bytes as MB (or KB below 1 MB), rounded. */
function sizeText(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Bytes of float32 weight data (base64 text is 4/3 of that; counted as the data it stands for). */
function sizeOf(trained: Trained): number {
  return trained.weights.reduce((n, w) => n + (w.data.length * 3) / 4, 0);
}
