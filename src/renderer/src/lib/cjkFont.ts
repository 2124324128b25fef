/**
 * The bundled Chinese font (issue 16, "Neurite CJK" in styles.css) is 2 MB: text laid out while it
 * was still loading could stay as boxes in Chromium (trial 8, the lesson screenshots). The UI
 * therefore switches to Chinese only once the font is ready: {@link cjkFontReady} says whether it
 * is, {@link loadCjkFont} loads it, bounded by `timeoutMs` (then the UI switches anyway, as a
 * system CJK font may cover it).
 */
const FACE = "16px 'Neurite CJK'";
const SAMPLE = '中文';

/** Whether the font is loaded (or there is no document to load it into: tests, the command line). */
export function cjkFontReady(): boolean {
  const fonts = globalThis.document?.fonts;
  return !fonts || fonts.check(FACE, SAMPLE);
}

/** Loads the font; resolves when it is ready, failed, or after `timeoutMs` ms. Never rejects. */
export function loadCjkFont(timeoutMs = 4000): Promise<void> {
  const fonts = globalThis.document?.fonts;
  if (!fonts || cjkFontReady()) return Promise.resolve();
  return Promise.race([fonts.load(FACE, SAMPLE).then(() => undefined, () => undefined), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
