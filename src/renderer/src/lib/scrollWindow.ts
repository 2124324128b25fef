import { useEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/**
 * The visible window of a scrolling element, for tables that draw only the rows in view (the data
 * table, the runs table): its scroll offset and height in CSS px, kept current on scroll and
 * resize. Give `ref` to the element and `onScroll` to its onScroll; `initialHeight` is used until
 * the first measurement.
 */
export function useScrollWindow<T extends HTMLElement>(initialHeight: number): { ref: RefObject<T | null>; top: number; height: number; onScroll(e: UIEvent<T>): void } {
  const ref = useRef<T>(null);
  const [state, setState] = useState({ top: 0, height: initialHeight });
  useEffect(() => {
    const el = ref.current!;
    const update = () => setState({ top: el.scrollTop, height: el.clientHeight });
    update();
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  return { ref, ...state, onScroll: (e) => setState({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight }) };
}
