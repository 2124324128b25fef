import { create } from 'zustand';

const STORAGE_KEY = 'neurite.tensorboard';

/**
 * Issue 15: whether the app's runs also write TensorBoard event files (in the host's TensorBoard
 * folder; the `started` event says where). A per-user preference, remembered across sessions, not
 * part of the project: it changes what is logged, not what is trained.
 */
interface TensorBoardPref {
  on: boolean;
  setOn(on: boolean): void;
}

function readStored(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export const useTensorBoardPref = create<TensorBoardPref>()((set) => ({
  on: readStored(),
  setOn(on) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Storage disabled: the choice lasts for this window.
    }
    set({ on });
  },
}));
