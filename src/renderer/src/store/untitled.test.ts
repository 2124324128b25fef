import { describe, expect, it } from 'vitest';
import { emptyDoc, untitledIn } from './document';

/** Trial 10 (12): the app started in English, the learner switched to 简体中文: the untouched new project is 未命名, not "Untitled". */
describe('an untouched new project follows the UI language', () => {
  it('renames "Untitled" to 未命名 (and back) while the project is empty', () => {
    expect(untitledIn(emptyDoc('Untitled'), 'zh-CN').name).toBe('未命名');
    expect(untitledIn(emptyDoc('未命名'), 'en').name).toBe('Untitled');
  });
  it('keeps a name the user chose, and any project with layers', () => {
    const named = emptyDoc('My model');
    expect(untitledIn(named, 'zh-CN')).toBe(named);
    const built = { ...emptyDoc('Untitled'), graph: { nodes: [{ id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: {} }], edges: [] } } as ReturnType<typeof emptyDoc>;
    expect(untitledIn(built, 'zh-CN')).toBe(built);
    const same = emptyDoc('未命名');
    expect(untitledIn(same, 'zh-CN')).toBe(same);
  });
});
