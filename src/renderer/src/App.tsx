import { installFileDrop } from './lib/files';
import { useCallback, useEffect, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './components/Canvas';
import { DataPanel } from './components/data/DataPanel';
import { Inspector } from './components/Inspector';
import { Palette } from './components/Palette';
import { PredictPanel } from './components/PredictPanel';
import { RunArea } from './components/runs/RunArea';
import { StartPanel } from './components/StartPanel';
import { StatusBar } from './components/StatusBar';
import { SummaryPanel } from './components/SummaryPanel';
import { Toast } from './components/Toast';
import { Toolbar } from './components/Toolbar';
import { DatasetPanel, TrainingSettingsPanel } from './components/TrainingSettings';
import { useT } from './i18n';
import { useShortcuts } from './lib/keyboard';
import { useEditor } from './store/editor';
import { connectTrainEvents, useRun } from './store/training';
import { SIDE_TABS, useUi } from './store/ui';
import { AboutBox } from './components/AboutBox';
import { ImageFolderDialogHost } from './components/ImageFolderDialog';
import { CommandPalette } from './components/CommandPalette';
import { SweepWindow } from './components/sweeps/SweepWindow';
// issue 16: lessons
import { LessonList, LessonPanel } from './components/lessons/LessonPanel';
import { ConceptCardDialog, GlossaryDialog } from './components/lessons/ConceptLink';
// issue 17: keyboard-only building
import { ConnectPicker } from './components/ConnectPicker';


const BOTTOM_KEY = 'neurite.bottomHeight';
const BOTTOM_MIN = 180;
const BOTTOM_DEFAULT = 300;
/** The canvas keeps at least this much height, px, however the split is dragged or the window shrinks. */
const CANVAS_MIN = 200;
/** One arrow-key press moves the split by this much, px (Page Up/Down by four times as much). */
const BOTTOM_STEP = 20;

function initialBottomHeight(): number {
  try {
    const stored = Number(localStorage.getItem(BOTTOM_KEY));
    return Number.isFinite(stored) && stored >= BOTTOM_MIN ? stored : BOTTOM_DEFAULT;
  } catch {
    return BOTTOM_DEFAULT;
  }
}

function rememberBottomHeight(height: number): void {
  try {
    localStorage.setItem(BOTTOM_KEY, String(height));
  } catch {
    // Not remembered; the height still applies now.
  }
}

/** The largest bottom height that leaves the canvas CANVAS_MIN px of the centre column (never below BOTTOM_MIN). */
function useBottomMax(center: HTMLElement | null): number {
  const [max, setMax] = useState(BOTTOM_DEFAULT);
  useEffect(() => {
    if (!center) return;
    const measure = () => setMax(Math.max(BOTTOM_MIN, Math.floor(center.clientHeight - CANVAS_MIN)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(center);
    return () => observer.disconnect();
  }, [center]);
  return max;
}

export interface BottomSplit {
  /** The height in use, px: the chosen one, lowered while the window is too small for it. */
  height: number;
  min: number;
  max: number;
  startDrag: (event: ReactPointerEvent) => void;
  onKeyDown: (event: ReactKeyboardEvent) => void;
}

/**
 * The splitter between the canvas and the bottom panels, by mouse (drag) or keyboard (arrows,
 * Page Up/Down, Home/End, as the WAI-ARIA window splitter pattern). The chosen height is
 * remembered; a smaller window lowers the height in use without forgetting the choice.
 */
function useBottomSplit(center: HTMLElement | null): BottomSplit {
  const [chosen, setChosen] = useState(initialBottomHeight);
  const max = useBottomMax(center);
  const height = Math.min(chosen, max);
  const choose = useCallback(
    (next: number) => {
      const clamped = Math.round(Math.max(BOTTOM_MIN, Math.min(max, next)));
      setChosen(clamped);
      rememberBottomHeight(clamped);
    },
    [max],
  );
  const startDrag = useCallback(
    (event: ReactPointerEvent) => {
      event.preventDefault();
      const startY = event.clientY;
      const startHeight = height;
      let latest = startHeight;
      const move = (e: PointerEvent) => {
        latest = Math.max(BOTTOM_MIN, Math.min(max, startHeight + startY - e.clientY));
        setChosen(latest);
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        choose(latest);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [height, max, choose],
  );
  const onKeyDown = useCallback(
    (event: ReactKeyboardEvent) => {
      const moves: Record<string, number> = {
        ArrowUp: height + BOTTOM_STEP,
        ArrowDown: height - BOTTOM_STEP,
        PageUp: height + 4 * BOTTOM_STEP,
        PageDown: height - 4 * BOTTOM_STEP,
        Home: BOTTOM_MIN,
        End: max,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      choose(moves[event.key]);
    },
    [height, max, choose],
  );
  return { height, min: BOTTOM_MIN, max, startDrag, onKeyDown };
}

export function App() {
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const empty = useEditor((s) => s.doc.graph.nodes.length === 0);
  // Issue 15: the Runs view takes the bottom area's whole width (the side tabs come back with the Run tab).
  const runsOpen = useUi((s) => s.runView === 'runs') && !empty;
  const [center, setCenter] = useState<HTMLElement | null>(null);
  const split = useBottomSplit(center);
  const t = useT();
  useShortcuts();
  useEffect(() => {
    const off = connectTrainEvents();
    void useRun.getState().loadHostInfo();
    const offDrop = installFileDrop();
    return () => {
      off();
      offDrop();
    };
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <Palette />
        <main className="center" ref={setCenter}>
          {/* Trial 10 (8, 21): the lesson panel docks at the canvas' right edge, below the toolbar, never over the graph. */}
          <div className="canvas-row">
            <Canvas />
            <LessonPanel />
          </div>
          <div
            className="bottom-resizer"
            onPointerDown={split.startDrag}
            onKeyDown={split.onKeyDown}
            tabIndex={0}
            role="separator"
            aria-orientation="horizontal"
            aria-label={t('layout.bottomResizer')}
            aria-valuenow={split.height}
            aria-valuemin={split.min}
            aria-valuemax={split.max}
            title={t('layout.bottomResizerTitle')}
            data-testid="bottom-resizer"
          />
          <div className={`bottom-area${runsOpen ? ' runs-open' : ''}`} style={{ height: split.height }}>
            {empty ? <StartPanel /> : <RunArea />}
            <div className="side-tabs">
              <div className="tabs" role="tablist">
                {SIDE_TABS.map((name) => (
                  <button
                    key={name}
                    role="tab"
                    id={`side-tab-${name}`}
                    aria-selected={tab === name}
                    aria-controls="side-tab-panel"
                    className={tab === name ? 'active' : ''}
                    onClick={() => setTab(name)}
                    data-testid={`tab-${name}`}
                  >
                    {t(`tab.${name}`)}
                  </button>
                ))}
              </div>
              {/* The tab panel takes the focus (WAI-ARIA tabs pattern), so a keyboard user can scroll a long summary. */}
              <div className="tab-body" role="tabpanel" id="side-tab-panel" aria-labelledby={`side-tab-${tab}`} tabIndex={0}>
                {tab === 'predict' && <PredictPanel />}
                {tab === 'data' && <DataPanel />}
                {tab === 'summary' && <SummaryPanel />}
              </div>
            </div>
          </div>
        </main>
        <aside className="sidebar">
          <Inspector />
          <TrainingSettingsPanel />
          <DatasetPanel />
        </aside>
        <StatusBar />
        <Toast />
        <CommandPalette />
        <AboutBox />
        <ImageFolderDialogHost />
        <SweepWindow />
        <LessonList />
        <ConceptCardDialog />
        <GlossaryDialog />
        <ConnectPicker />
      </div>
    </ReactFlowProvider>
  );
}
