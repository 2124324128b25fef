import { useEffect } from 'react';
import { handleShortcut } from '../actions';

/** The editor's shortcuts, from the action table (src/shared/actions.ts). Text fields keep their own Ctrl+Z, C, V and A. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => void handleShortcut(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
