import { create } from 'zustand';
import type { ImageFolderSummary, ImageHealthItem } from '../../../shared/data/image-folder';

/**
 * What an image-folder import found (trial 5, F10): its summary and health report as
 * `data.importImages` answered, by the packed folder's sha256 (`source.sha256`), for the Data tab's
 * Health view. Kept for the session: the project file keeps the images, not the files that were
 * left out, so a reopened project shows what can be computed from its images (class counts).
 */
interface ImportReports {
  reports: Record<string, { summary: ImageFolderSummary; health: ImageHealthItem[] }>;
  remember: (sha256: string, report: { summary: ImageFolderSummary; health: ImageHealthItem[] }) => void;
}

export const useImageImportReports = create<ImportReports>((set) => ({
  reports: {},
  remember: (sha256, report) => set((s) => ({ reports: { ...s.reports, [sha256]: report } })),
}));
