import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useEditor } from '../store/editor';
import { EarlyStoppingFields } from './EarlyStoppingSettings';

const render = () => renderToStaticMarkup(<EarlyStoppingFields training={useEditor.getState().doc.training} update={useEditor.getState().updateTraining} />);

/** Issue 15 callbacks: the settings group shows early stopping as the document has it, with the monitor's problem, and each edit undoes. */
describe('EarlyStoppingSettings', () => {
  it('shows the fields when on, names a monitor this run will not log, and undo turns it off again', () => {
    const store = useEditor.getState();
    const before = render();
    expect(before).toContain('data-testid="setting-early-stopping"');
    expect(before).not.toContain('setting-early-stopping-monitor');

    store.updateTraining({ validationSplit: 0, earlyStopping: { monitor: 'val_loss', patience: 3, minDelta: 0.001, mode: 'auto', restoreBestWeights: true } });
    const on = render();
    expect(on).toContain('data-testid="setting-early-stopping-monitor"');
    expect(on).toContain('value="3"');
    expect(on).toContain('value="0.001"');
    expect(on).toMatch(/Early stopping: monitor must name a log this run records \(loss[^)]*\); it is &quot;val_loss&quot;/);

    useEditor.getState().undo();
    expect(useEditor.getState().doc.training.earlyStopping).toBeUndefined();
    expect(render()).not.toContain('setting-early-stopping-monitor');
  });
});
