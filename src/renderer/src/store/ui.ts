import { create } from 'zustand';

export const SIDE_TABS = ['predict', 'data', 'summary'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

/** View state that actions change from outside the components: the side tab, the command palette, the About box. */
interface UiState {
  tab: SideTab;
  paletteOpen: boolean;
  aboutOpen: boolean;
  /** Issue 14: the "Import Image Folder…" dialog. */
  imageFolderOpen: boolean;
  setImageFolderOpen(open: boolean): void;
  setTab(tab: SideTab): void;
  setPaletteOpen(open: boolean): void;
  setAboutOpen(open: boolean): void;
  /** Issue 15: the bottom-left area shows the current run or the Runs view (every run of the project). */
  runView: 'run' | 'runs';
  setRunView(view: 'run' | 'runs'): void;
  /** Issue 17: the keyboard picker for the selected layer's connections ("Connect to…", "Disconnect…"), or none. */
  connectPicker: 'connect' | 'disconnect' | null;
  setConnectPicker(picker: 'connect' | 'disconnect' | null): void;
  /** Issue 17: grows each time "Add Layer…" asks the palette to focus its search. */
  layerSearchRequest: number;
  requestLayerSearch(): void;
}

export const useUi = create<UiState>()((set) => ({
  tab: 'predict',
  paletteOpen: false,
  aboutOpen: false,
  imageFolderOpen: false,
  setImageFolderOpen: (imageFolderOpen) => set({ imageFolderOpen }),
  setTab: (tab) => set({ tab }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  runView: 'run',
  setRunView: (runView) => set({ runView }),
  connectPicker: null,
  setConnectPicker: (connectPicker) => set({ connectPicker }),
  layerSearchRequest: 0,
  requestLayerSearch: () => set((s) => ({ layerSearchRequest: s.layerSearchRequest + 1 })),
}));
