import { create } from 'zustand';
import type { SortDir } from './runsTable';

/**
 * The runs view's own state (not the document's: nothing here is saved or undone): sort, filter,
 * the runs selected for the overlay (in the order they were selected: the first is the one the
 * legend compares the others with), the overlay's log and x axis, and the column choices.
 * Kept outside the component so switching to the run panel and back keeps it.
 */
export interface RunsViewState {
  sort: { column: string; dir: SortDir } | null;
  filter: string;
  /** Run ids, in selection order. */
  selected: string[];
  /** The overlay's log (`loss`, `val_accuracy`…); null = `val_loss` when the selected runs have it, else `loss`. */
  metric: string | null;
  axis: 'epoch' | 'seconds';
  logScale: boolean;
  /** Column ids the user added (beyond the defaults) or hid. */
  added: string[];
  hidden: string[];
  setSort(column: string): void;
  setFilter(filter: string): void;
  toggleSelected(id: string, on: boolean): void;
  setSelected(ids: string[]): void;
  setMetric(metric: string | null): void;
  setAxis(axis: 'epoch' | 'seconds'): void;
  setLogScale(on: boolean): void;
  showColumn(id: string, on: boolean, byDefault: boolean): void;
  resetColumns(): void;
}

export const useRunsView = create<RunsViewState>()((set) => ({
  sort: null,
  filter: '',
  selected: [],
  metric: null,
  axis: 'epoch',
  logScale: false,
  added: [],
  hidden: [],
  // A first click sorts ascending, a second descending, a third restores the run order.
  setSort: (column) =>
    set((s) => ({ sort: s.sort?.column !== column ? { column, dir: 'asc' } : s.sort.dir === 'asc' ? { column, dir: 'desc' } : null })),
  setFilter: (filter) => set({ filter }),
  toggleSelected: (id, on) => set((s) => ({ selected: on ? (s.selected.includes(id) ? s.selected : [...s.selected, id]) : s.selected.filter((x) => x !== id) })),
  setSelected: (selected) => set({ selected }),
  setMetric: (metric) => set({ metric }),
  setAxis: (axis) => set({ axis }),
  setLogScale: (logScale) => set({ logScale }),
  showColumn: (id, on, byDefault) =>
    set((s) => ({
      added: on && !byDefault ? [...new Set([...s.added, id])] : s.added.filter((x) => x !== id),
      hidden: !on && byDefault ? [...new Set([...s.hidden, id])] : s.hidden.filter((x) => x !== id),
    })),
  resetColumns: () => set({ added: [], hidden: [] }),
}));
