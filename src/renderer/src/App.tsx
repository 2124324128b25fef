import { installFileDrop } from './lib/files';
import { useCallback, useEffect, useState, type PointerEvent as ReactPointerEvent } from 'react';
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
// issue 17: keyboard-only building
import { ConnectPicker } from './components/ConnectPicker';


const BOTTOM_KEY = 'neurite.bottomHeight';
const BOTTOM_MIN = 180;
const BOTTOM_DEFAULT = 300;

function initialBottomHeight(): number {
  try {
    const stored = Number(localStorage.getItem(BOTTOM_KEY));
    return Number.isFinite(stored) && stored >= BOTTOM_MIN ? stored : BOTTOM_DEFAULT;
  } catch {
    return BOTTOM_DEFAULT;
  }
}

/** The splitter between the canvas and the bottom panels; the chosen height is remembered. */
function useBottomHeight(): [number, (event: ReactPointerEvent) => void] {
  const [height, setHeight] = useState(initialBottomHeight);
  const startDrag = useCallback(
    (event: ReactPointerEvent) => {
      event.preventDefault();
      const startY = event.clientY;
      const startHeight = height;
      let latest = startHeight;
      const move = (e: PointerEvent) => {
        latest = Math.max(BOTTOM_MIN, Math.min(window.innerHeight - 220, startHeight + startY - e.clientY));
        setHeight(latest);
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        try {
          localStorage.setItem(BOTTOM_KEY, String(latest));
        } catch {
          // Not remembered; the height still applies now.
        }
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [height],
  );
  return [height, startDrag];
}

export function App() {
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const empty = useEditor((s) => s.doc.graph.nodes.length === 0);
  // Issue 15: the Runs view takes the bottom area's whole width (the side tabs come back with the Run tab).
  const runsOpen = useUi((s) => s.runView === 'runs') && !empty;
  const [bottomHeight, startResize] = useBottomHeight();
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
        <main className="center">
          <Canvas />
          <div className="bottom-resizer" onPointerDown={startResize} role="separator" aria-orientation="horizontal" data-testid="bottom-resizer" />
          <div className={`bottom-area${runsOpen ? ' runs-open' : ''}`} style={{ height: bottomHeight }}>
            {empty ? <StartPanel /> : <RunArea />}
            <div className="side-tabs">
              <div className="tabs" role="tablist">
                {SIDE_TABS.map((name) => (
                  <button
                    key={name}
                    role="tab"
                    aria-selected={tab === name}
                    className={tab === name ? 'active' : ''}
                    onClick={() => setTab(name)}
                    data-testid={`tab-${name}`}
                  >
                    {t(`tab.${name}`)}
                  </button>
                ))}
              </div>
              <div className="tab-body">
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
        <LessonPanel />
        <LessonList />
        <ConnectPicker />
      </div>
    </ReactFlowProvider>
  );
}
