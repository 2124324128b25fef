import { useEffect, useRef, type HTMLAttributes } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A static uPlot chart filling its box (the box's CSS gives the size; the chart follows resizes).
 * The plot is rebuilt when `options` change and redrawn with `setData` when `data` changes, so keep
 * both memoised. Other props (class, data-testid, data-* attributes) go on the box.
 */
export function UPlotView({
  options,
  data,
  square = false,
  ...box
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  /** Issue 17: the plot area (inside the axes) is kept square, as large as the box allows; the chart is centred in the box. */
  square?: boolean;
} & HTMLAttributes<HTMLDivElement>) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = holder.current!;
    const fill = () => ({ width: Math.max(60, el.clientWidth), height: Math.max(60, el.clientHeight) });
    const u = new uPlot({ ...options, ...fill() }, latest.current, el);
    plot.current = u;
    // Square: the axes' room around the plot area (CSS px; uPlot's bbox is in canvas pixels) is
    // what the chart's size leaves beyond the plot; the plot gets the largest square the box holds.
    let frame = 0;
    let tries = 0;
    const fit = () => {
      frame = 0;
      const box = fill();
      if (!square) return u.setSize(box);
      const around = { x: u.width - u.bbox.width / uPlot.pxRatio, y: u.height - u.bbox.height / uPlot.pxRatio };
      const side = Math.max(40, Math.floor(Math.min(box.width - around.x, box.height - around.y)));
      const next = { width: Math.round(side + around.x), height: Math.round(side + around.y) };
      if ((next.width !== u.width || next.height !== u.height) && tries++ < 3) {
        u.setSize(next);
        // Axis sizes converge on the next commit: check once more then.
        frame = requestAnimationFrame(fit);
      }
    };
    if (square) frame = requestAnimationFrame(fit);
    const resize = new ResizeObserver(() => {
      tries = 0;
      if (square) {
        if (!frame) frame = requestAnimationFrame(fit);
      } else fit();
    });
    resize.observe(el);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [options, square]);

  useEffect(() => {
    const u = plot.current;
    if (u && u.data !== data) u.setData(data);
  }, [data]);

  return <div ref={holder} {...box} />;
}
