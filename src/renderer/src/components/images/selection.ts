import { create } from 'zustand';

/**
 * Issue 14 (seeing it): which image of the dataset the image views show in detail, and which
 * confusion-matrix cell's images are listed. View state, not the document (no undo step).
 * Other views (the feature maps of the selected image) read `row` from here.
 */
interface ImageSelection {
  /** The selected image's index in the dataset (0-based), or null. */
  row: number | null;
  /** The confusion-matrix cell whose images are listed (true class × predicted class), or null. */
  cell: { trueClass: number; predictedClass: number } | null;
  select(row: number | null): void;
  selectCell(cell: { trueClass: number; predictedClass: number } | null): void;
}

export const useImageSelection = create<ImageSelection>()((set) => ({
  row: null,
  cell: null,
  select: (row) => set({ row }),
  selectCell: (cell) => set({ cell }),
}));
