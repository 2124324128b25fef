import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './components/Canvas';
import { DataPanel } from './components/DataPanel';
import { Inspector } from './components/Inspector';
import { Palette } from './components/Palette';
import { PredictPanel } from './components/PredictPanel';
import { RunPanel } from './components/RunPanel';
import { StatusBar } from './components/StatusBar';
import { SummaryPanel } from './components/SummaryPanel';
import { Toast } from './components/Toast';
import { Toolbar } from './components/Toolbar';
import { DatasetPanel, TrainingSettingsPanel } from './components/TrainingSettings';
import { useShortcuts } from './lib/keyboard';
import { connectTrainEvents, useRun } from './store/training';

const SIDE_TABS = ['predict', 'data', 'summary'] as const;
type SideTab = (typeof SIDE_TABS)[number];
const TAB_LABELS: Record<SideTab, string> = { predict: 'Predict', data: 'Data', summary: 'Summary' };

export function App() {
  const [tab, setTab] = useState<SideTab>('predict');
  useShortcuts();
  useEffect(() => {
    const off = connectTrainEvents();
    void useRun.getState().loadHostInfo();
    return off;
  }, []);

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <Palette />
        <main className="center">
          <Canvas />
          <div className="bottom-area">
            <RunPanel />
            <div className="side-tabs">
              <div className="tabs" role="tablist">
                {SIDE_TABS.map((t) => (
                  <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)} data-testid={`tab-${t}`}>
                    {TAB_LABELS[t]}
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
      </div>
    </ReactFlowProvider>
  );
}
