import type { TemplateInfo } from './contract';

/**
 * A template's name and description in `language` (a UI language code such as `zh-CN`, as
 * resources/templates/index.json keys its `translations`), falling back to the English ones.
 * The template list and the start page show these.
 */
export function localizedTemplate(info: TemplateInfo, language: string): { name: string; description: string } {
  const t = info.translations?.[language];
  return { name: t?.name ?? info.name, description: t?.description ?? info.description };
}

/**
 * A template's project named as the template list showed it, in `language` (trial 10, 12): the
 * name is stored at creation in the UI language, as a new project's "Untitled" / 未命名 is, and
 * chart titles and file names use it. `info` absent (a template the list does not know): unchanged.
 */
export function templateProject<P extends { name: string }>(project: P, info: TemplateInfo | undefined, language: string): P {
  return info ? { ...project, name: localizedTemplate(info, language).name } : project;
}
