import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from './menu';
import { createServices } from './services';
import { UiLanguage } from './ui-language';
import { TrainerHost } from './engine/trainer-host';
import { createProjectService, type ProjectDialogs } from './services/projects';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

/** Every item as [path, label] (separators have none), the path naming the item by id or role, so the two languages can be paired. */
function labelled(template: MenuItemConstructorOptions[], path = ''): [string, string][] {
  return template.flatMap((item, index) => {
    if (item.type === 'separator') return [];
    const here = `${path}/${item.id ?? item.role ?? index}`;
    return [[here, String(item.label ?? '')] as [string, string], ...(Array.isArray(item.submenu) ? labelled(item.submenu, here) : [])];
  });
}

/** Names that stay as they are in every language: product and file-format names, the app's name. */
const ALLOWED_LATIN = ['Neurite', 'Keras', 'Python', 'TensorFlow.js', 'TypeScript', 'JSON', 'model.json', 'ONNX', '.onnx', 'TensorBoard'];
const englishWords = (label: string): string[] => {
  let rest = label.replace(/\(&[A-Z]\)/, '');
  for (const name of [...ALLOWED_LATIN].sort((a, b) => b.length - a.length)) rest = rest.split(name).join('');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
};

describe('native menu in the UI language (issue 16)', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: in zh-CN has no English label but allowed names, and pairs with every item of the English menu`, () => {
      const recent = [{ name: 'a.neurite', open: () => undefined }];
      const en = labelled(buildMenuTemplate({ platform, appName: 'Neurite', send: () => undefined, isDev: true, language: 'en' }));
      const zh = labelled(buildMenuTemplate({ platform, appName: 'Neurite', send: () => undefined, isDev: true, language: 'zh-CN' }));
      const zhEmpty = labelled(buildMenuTemplate({ platform, appName: 'Neurite', send: () => undefined, isDev: true, language: 'zh-CN', recent }));
      expect(zh.map(([path]) => path)).toEqual(en.map(([path]) => path));
      for (const [path, label] of [...zh, ...zhEmpty.filter(([, l]) => l !== 'a.neurite')]) {
        expect(label, path).not.toBe('');
        expect(englishWords(label), `${path}: "${label}"`).toEqual([]);
      }
      // Each item changed language (or is an allowed name only).
      for (let i = 0; i < en.length; i++) {
        if (englishWords(en[i][1]).length > 0) expect(zh[i][1], en[i][0]).not.toBe(en[i][1]);
      }
    });
  }

  it('labels Electron role items itself (Cut, Copy, Paste, Quit, full screen), since Electron would show them in English', () => {
    const items = flatten(buildMenuTemplate({ platform: 'linux', appName: 'Neurite', send: () => undefined, language: 'zh-CN' }));
    const byRole = (role: string) => items.find((i) => i.role === role)?.label;
    expect([byRole('cut'), byRole('copy'), byRole('paste'), byRole('quit'), byRole('togglefullscreen')]).toEqual(['剪切', '复制', '粘贴', '退出 Neurite', '切换全屏']);
    expect(items.find((i) => i.id === 'open-recent')?.submenu).toEqual([{ label: '没有最近的项目', enabled: false }]);
    expect(items.find((i) => i.id === 'train')?.label).toBe('训练');
    expect(buildMenuTemplate({ platform: 'linux', appName: 'Neurite', send: () => undefined, language: 'zh-CN' })[0].label).toBe('文件(&F)');
  });

  it('app.setLanguage changes the language main builds its menu and dialogs in (the browser host accepts it and changes nothing)', async () => {
    const language = new UiLanguage('en');
    const rebuilt: string[] = [];
    // What shell.ts does on a change: rebuild the menu in the new language.
    language.onChange((l) => rebuilt.push(String(buildMenuTemplate({ platform: 'linux', appName: 'Neurite', send: () => undefined, language: l })[0].label)));
    const titles: string[] = [];
    const dialogs: ProjectDialogs = {
      showOpen: async ({ title, filters }) => (titles.push(title, filters[0].name), null),
      showSave: async ({ title }) => (titles.push(title), null),
      showFolder: async ({ title }) => (titles.push(title), null),
    };
    const projects = createProjectService({ appVersion: '0', dialogs, language });
    const trainer = new TrainerHost(() => {
      throw new Error('no trainer is started by these calls');
    }, () => undefined);
    const services = createServices({ host: 'desktop', appVersion: '0', resourcesDir: '.', trainer, projects, language });
    await projects.handlers['project.open']({});
    await services['app.setLanguage']({ language: 'zh-CN' });
    expect(language.language).toBe('zh-CN');
    expect(rebuilt).toEqual(['文件(&F)']);
    await projects.handlers['project.open']({});
    expect(titles).toEqual(['Open project', 'Neurite project', '打开项目', 'Neurite 项目']);
    // The same language again rebuilds nothing.
    await services['app.setLanguage']({ language: 'zh-CN' });
    expect(rebuilt).toHaveLength(1);
    const web = createServices({ host: 'web', appVersion: '0', resourcesDir: '.', trainer });
    await expect(web['app.setLanguage']({ language: 'zh-CN' })).resolves.toEqual({});
    trainer.dispose();
  });
});
