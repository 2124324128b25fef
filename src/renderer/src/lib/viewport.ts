import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';

/** How every "fit the model in view" frames the graph (toolbar, shortcut, templates, after layout). */
export const FIT_VIEW_OPTIONS = { padding: 0.3, maxZoom: 1.25 } as const;
const ANIMATION_MS = 200;

interface ViewportControls {
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Issue 17: the flow position under a screen point (React Flow's `screenToFlowPosition`); null before the canvas mounts. */
  toFlow(point: { x: number; y: number }): { x: number; y: number } | null;
}

let controls: ViewportControls | null = null;

/**
 * The canvas viewport for actions that run outside React (keyboard, native menu, palette). The
 * canvas registers React Flow's controls with `useViewportControls`; before it mounts these do
 * nothing.
 */
export const viewport: ViewportControls = {
  fit: () => controls?.fit(),
  zoomIn: () => controls?.zoomIn(),
  zoomOut: () => controls?.zoomOut(),
  toFlow: (point) => controls?.toFlow(point) ?? null,
};

/**
 * Issue 17: brings a layer added from the keyboard into view — when its box (flow coordinates) is
 * not wholly inside the canvas, the whole graph is fitted after the next frame, so a model built
 * layer after layer to the right stays on screen.
 */
export function revealAfterAdd(box: { x: number; y: number; width: number; height: number }): void {
  const rect = globalThis.document?.querySelector('.canvas')?.getBoundingClientRect();
  if (!rect) return;
  const topLeft = viewport.toFlow({ x: rect.left, y: rect.top });
  const bottomRight = viewport.toFlow({ x: rect.right, y: rect.bottom });
  if (!topLeft || !bottomRight) return;
  const inside = box.x >= topLeft.x && box.y >= topLeft.y && box.x + box.width <= bottomRight.x && box.y + box.height <= bottomRight.y;
  if (!inside) fitAfterLayout();
}

/** Fits the view once the next frame has laid out what just changed (a template, an auto-layout). */
export function fitAfterLayout(): void {
  requestAnimationFrame(() => viewport.fit());
}

/** Registers this React Flow instance as the app's viewport; call once inside the ReactFlowProvider. */
export function useViewportControls(): void {
  const { fitView, zoomIn, zoomOut, screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    controls = {
      fit: () => void fitView({ ...FIT_VIEW_OPTIONS, duration: ANIMATION_MS }),
      zoomIn: () => void zoomIn({ duration: ANIMATION_MS }),
      zoomOut: () => void zoomOut({ duration: ANIMATION_MS }),
      toFlow: (point) => screenToFlowPosition(point),
    };
    return () => {
      controls = null;
    };
  }, [fitView, zoomIn, zoomOut, screenToFlowPosition]);
}
