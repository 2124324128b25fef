import { useEffect, type RefObject } from 'react';

/**
 * Issue 17: a modal dialog takes the keyboard focus when it opens (so Esc, Tab and a screen
 * reader start inside it, as WAI-ARIA's dialog pattern asks) and gives it back to where it was
 * when it closes. The dialog element needs `tabIndex={-1}`; focus already inside it is left alone.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.contains(document.activeElement)) element.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, [dialog]);
}
