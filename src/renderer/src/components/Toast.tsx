import { useEffect } from 'react';
import { create } from 'zustand';

interface ToastState {
  toast: { id: number; message: string; x: number | null; y: number | null; sticky: boolean } | null;
  /** `sticky`: stays until clicked (for what the user must act on, such as an unreachable server). */
  show(message: string, at?: { x: number; y: number } | null, options?: { sticky?: boolean }): void;
  hide(): void;
}

let nextToast = 1;
export const useToast = create<ToastState>()((set) => ({
  toast: null,
  show: (message, at, options) => set({ toast: { id: nextToast++, message, x: at?.x ?? null, y: at?.y ?? null, sticky: options?.sticky === true } }),
  hide: () => set({ toast: null }),
}));

/** A short message near the cursor (refused connections) or at the bottom centre. */
export function Toast() {
  const toast = useToast((s) => s.toast);
  const hide = useToast((s) => s.hide);
  useEffect(() => {
    if (!toast || toast.sticky) return;
    const timer = setTimeout(hide, 3500);
    return () => clearTimeout(timer);
  }, [toast, hide]);
  if (!toast) return null;
  const style =
    toast.x !== null && toast.y !== null
      ? { left: Math.min(toast.x + 14, window.innerWidth - 340), top: Math.min(toast.y + 14, window.innerHeight - 80) }
      : { left: '50%', bottom: 48, transform: 'translateX(-50%)' };
  return (
    <div className="toast" role="status" data-testid="toast" style={style} onClick={hide}>
      {toast.message}
    </div>
  );
}
