import { create } from 'zustand';
import { concept } from './concepts';

/**
 * Issue 16: which learning help is open, outside any lesson. A concept card (tensors and axes,
 * epochs, one-hot…) opens from the "What is this?" link beside the field it explains; the
 * glossary from Help › Glossary (and the command palette). The element that opened a dialog gets
 * the focus back when it closes, so keyboard users keep their place.
 */
interface LearnHelp {
  /** The concept card shown (an id of src/renderer/src/lessons/concepts.ts), or null. */
  card: string | null;
  glossaryOpen: boolean;
  /** `opener` gets the focus back on close; omitted (a card opened from the glossary), the first opener keeps it. */
  openCard(id: string, opener?: HTMLElement | null): void;
  openGlossary(opener?: HTMLElement | null): void;
  close(): void;
}

let opener: HTMLElement | null = null;

export const useLearnHelp = create<LearnHelp>()((set) => ({
  card: null,
  glossaryOpen: false,
  openCard: (id, from) => {
    concept(id); // an unknown id is a bug: it throws here, not as an empty dialog
    if (from !== undefined) opener = from;
    set({ card: id, glossaryOpen: false });
  },
  openGlossary: (from) => {
    if (from !== undefined) opener = from;
    set({ glossaryOpen: true, card: null });
  },
  close: () => {
    set({ card: null, glossaryOpen: false });
    const back = opener;
    opener = null;
    if (back?.isConnected) back.focus();
  },
}));
