import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useEditor } from '../store/editor';
import { CallbacksFields } from './CallbacksSettings';

const render = () => renderToStaticMarkup(<CallbacksFields training={useEditor.getState().doc.training} update={useEditor.getState().updateTraining} />);

/** Issue 15 callbacks: the Callbacks group shows each callback as the document has it, with its problems on the field, and each edit undoes. */
describe('CallbacksSettings', () => {
  it('shows reduce-on-plateau, a schedule and keep-best when on, names problems on their fields, and undo removes them', () => {
    const store = useEditor.getState();
    const before = render();
    expect(before).toContain('data-testid="setting-reduce-lr"');
    expect(before).toContain('data-testid="setting-lrSchedule-kind"');
    expect(before).not.toContain('setting-reduceLrOnPlateau-factor');

    store.updateTraining({ validationSplit: 0.2, reduceLrOnPlateau: { monitor: 'val_loss', factor: 1.5, patience: 3, mode: 'auto', minDelta: 1e-4, cooldown: 0, minLr: 0 } });
    store.updateTraining({ lrSchedule: { kind: 'cosine', decaySteps: 500, alpha: 0.1, warmupSteps: 20 } });
    store.updateTraining({ keepBest: { monitor: 'val_loss', mode: 'auto' } });
    const on = render();
    expect(on).toContain('data-testid="setting-reduceLrOnPlateau-factor"');
    expect(on).toContain('value="1.5"');
    expect(on).toContain('Reduce LR on plateau: factor must be a number less than 1; it is 1.5.');
    expect(on).toContain('Learning-rate schedule cannot be used together with reduce learning rate on plateau');
    expect(on).toContain('data-testid="setting-lrSchedule-alpha"');
    expect(on).toContain('value="20"');
    expect(on).toContain('data-testid="setting-keepBest-monitor"');

    useEditor.getState().undo();
    useEditor.getState().undo();
    useEditor.getState().undo();
    expect(useEditor.getState().doc.training.reduceLrOnPlateau).toBeUndefined();
    expect(useEditor.getState().doc.training.lrSchedule).toBeUndefined();
    expect(useEditor.getState().doc.training.keepBest).toBeUndefined();
    expect(render()).not.toContain('setting-reduceLrOnPlateau-factor');
  });
});
