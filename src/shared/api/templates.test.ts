import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TemplateInfo } from './contract';
import { localizedTemplate, templateProject } from './templates';

/** Trial 10 (12): a template opened in 简体中文 named the project "Keras tutorial: linear re…". */
const dir = join(__dirname, '../../../resources/templates');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as TemplateInfo[];

describe('a template opens under the name the list showed, in the UI language', () => {
  it('every bundled template: zh-CN gets its Chinese name, en its English one', () => {
    for (const info of index) {
      const project = JSON.parse(readFileSync(join(dir, `${info.id}.neurite`), 'utf8')) as { name: string };
      expect(templateProject(project, info, 'zh-CN').name, info.id).toBe(localizedTemplate(info, 'zh-CN').name);
      expect(templateProject(project, info, 'en').name, info.id).toBe(info.name);
    }
    const regression = index.find((i) => i.id === 'keras-tutorial-regression')!;
    expect(templateProject({ name: 'Keras tutorial: linear regression' }, regression, 'zh-CN').name).toBe('Keras 教程：线性回归');
  });
});
