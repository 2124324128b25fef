import { create } from 'zustand';
import type { GraphProblem } from '../../../shared/api/contract';

/**
 * Fields whose typed value the document refused (e.g. the image count 10001 of a 10,000-image
 * set, trial 5 F8): the text stays as typed in the field, and each such field counts as an error
 * in the status bar and refuses Train, like an out-of-range training setting (README ▸ Training
 * settings). A `DraftInput` with `countAs` registers its refusal here while it lasts (cleared
 * when the value is accepted, moves under it, or the field goes away).
 */
interface FieldDraftsStore {
  /** By field key (the input's id, e.g. `images-count`): the problem, pinned to that field. */
  drafts: Readonly<Record<string, GraphProblem>>;
  /** Registers `message` as the field's refusal, or clears it with null. */
  setDraft(field: string, message: string | null): void;
}

export const useFieldDrafts = create<FieldDraftsStore>()((set, get) => ({
  drafts: {},
  setDraft(field, message) {
    const current = get().drafts[field];
    if (message === null) {
      if (!current) return;
      const { [field]: _gone, ...rest } = get().drafts;
      set({ drafts: rest });
      return;
    }
    if (current?.message === message) return;
    set({ drafts: { ...get().drafts, [field]: { code: 'invalid-field', severity: 'error', field, message } } });
  },
}));

/** The refused fields' problems, as errors pinned to their field (counted like graph problems). */
export function fieldDraftProblems(drafts: FieldDraftsStore['drafts'] = useFieldDrafts.getState().drafts): GraphProblem[] {
  return Object.values(drafts);
}
