import { useEffect, useRef, type HTMLAttributes } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A static uPlot chart filling its box (the box's CSS gives the size; the chart follows resizes).
 * The plot is rebuilt when `options` change and redrawn with `setData` when `data` changes, so keep
 * both memoised. Other props (class, data-testid, data-* attributes) go on the box.
 */
export function UPlotView({ options, data, ...box }: { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } & HTMLAttributes<HTMLDivElement>) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = holder.current!;
    const size = () => ({ width: Math.max(60, el.clientWidth), height: Math.max(60, el.clientHeight) });
    const u = new uPlot({ ...options, ...size() }, latest.current, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize(size()));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [options]);

  useEffect(() => {
    const u = plot.current;
    if (u && u.data !== data) u.setData(data);
  }, [data]);

  return <div ref={holder} {...box} />;
}
