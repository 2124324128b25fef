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
