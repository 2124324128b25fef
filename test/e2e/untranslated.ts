/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { LAYERS } from '../../src/shared/layers';
import { optimizerList } from '../../src/shared/optimizers';
import { lossList } from '../../src/shared/losses';
import { metricList } from '../../src/shared/metrics';

/**
 * Issue 16's zh-CN crawl: finds English left in a page shown in Simplified Chinese. A text counts
 * as untranslated when it holds a Latin word that is not on the allow-list: the names the field
 * writes in English in Chinese documentation too (Keras layer, parameter, activation, optimizer,
 * loss and metric names, taken from Neurite's registries so the list cannot drift), product and
 * format names, keys, units, and identifiers (snake_case, digits: column names such as
 * `feature_3`, file names). Everything else — a sentence, a label, a tooltip — must be Chinese.
 */

/** Product, format and library names, keys and units written in English in Chinese UIs. */
const NAMES = [
  'Neurite', 'Keras', 'TensorFlow', 'TensorBoard', 'tfjs', 'TypeScript', 'JavaScript', 'Python', 'ONNX', 'WebAssembly', 'wasm', 'cpu', 'CPU',
  'GPU', 'CUDA', 'CSV', 'TSV', 'PNG', 'SVG', 'JSON', 'XLSX', 'HDF5', 'MNIST', 'Noto', 'Sans', 'CJK', 'SIL', 'OFL', 'Ctrl', 'Shift', 'Alt', 'Enter', 'Esc',
  'Tab', 'Cmd', 'Delete', 'Backspace', 'PgUp', 'PgDn', 'Home', 'End', 'Electron', 'Chromium', 'Node', 'localhost', 'http', 'https', 'ws',
  'KB', 'MB', 'GB', 'ms', 'px', 'NaN', 'Infinity', 'Inf', 'max', 'min', 'log', 'exp', 'tanh', 'softmax', 'sigmoid', 'relu', 'one-hot',
  'to_categorical', 'model', 'weights', 'fit', 'predict', 'compile', 'evaluate', 'summary', 'Sequential', 'Model', 'None', 'Total', 'params', 'Trainable',
  'Non-trainable', 'Param', 'Output', 'Shape', 'Layer', 'type', 'linspace', 'Playground', 'English', 'Glorot', 'He', 'Xavier', 'Nesterov', 'Adam', 'rho',
  'beta', 'epsilon', 'alpha', 'momentum', 'amsgrad', 'decay', 'rmsprop', 'sgd', 'adam', 'kernel', 'bias', 'Rho', 'Epsilon', 'Beta', 'Momentum', 'iris', 'setosa',
  'versicolor', 'virginica', 'digits', 'dense', 'Flatten', 'to',
  // Keras' compile() and fit() argument names, shown next to their Chinese terms.
  'epochs', 'loss', 'optimizer', 'metrics', 'shuffle', 'verbose', 'callbacks', 'units', 'activation', 'epoch', 'batch',
  // Keras callback and schedule classes, and names of packages, platforms and keys.
  'EarlyStopping', 'ReduceLROnPlateau', 'ModelCheckpoint', 'ExponentialDecay', 'CosineDecay', 'LearningRateScheduler', 'TensorBoard',
  'npm', 'pip', 'mnist', 'scikit-learn', 'README', 'UCI', 'MIT', 'CC', 'Linux', 'linux', 'macOS', 'darwin', 'Windows', 'win32', 'web', 'Web', 'Del',
  'neurite', 'import-run', 'tfjs-node', 'tfjs-node-gpu', 'NVIDIA', 'cuDNN', 'libtensorflow', 'Excel', 'Java', 'Runtime', 'opset', 'InputLayer', 'python', 'multi-worker',
  // Proper names: people, and the title of a cited data set.
  'Leslie', 'Smith', 'fastai', 'Optical', 'Recognition', 'Handwritten', 'Digits',
];

function allowList(): Set<string> {
  const words = new Set<string>(NAMES);
  for (const layer of LAYERS as readonly { type: string; params?: readonly { name: string; options?: readonly (string | { value: string })[] }[] }[]) {
    words.add(layer.type);
    for (const param of layer.params ?? []) {
      words.add(param.name);
      for (const option of param.options ?? []) words.add(typeof option === 'string' ? option : option.value);
    }
  }
  // Ids and Keras names only: labels ("mean squared error") are English to be translated.
  for (const entry of [...optimizerList(), ...lossList(), ...metricList()] as { id: string; kerasClass?: string; kerasName?: string; kerasAliases?: readonly string[] }[]) {
    for (const name of [entry.id, entry.kerasClass, entry.kerasName, ...(entry.kerasAliases ?? [])]) if (name) words.add(name);
  }
  return words;
}

const ALLOW = allowList();
const ALLOW_LOWER = new Set([...ALLOW].map((w) => w.toLowerCase()));

/**
 * The Latin words of `text` that make it untranslated English (empty when it is fine). Not
 * counted: the system's own message quoted as a detail and labelled so (`（原始信息：…）`), the English term in brackets right after its Chinese name (keras-cn's gloss,
 * `全连接层 (Dense)`), quoted values (“label”, "acc": a column, a key), command-line options with their value
 * (`--strategy mirrored`), filter syntax (`pinned=yes`), and words with a dot, slash or @ (file
 * names, code such as `tf.loadLayersModel`, paths, packages); `extra` adds words the data holds
 * (column and layer names).
 */
export function englishWords(text: string, extra: ReadonlySet<string> = new Set()): string[] {
  const stripped = text
    .replace(/“[^”]*”|"[^"]*"|‘[^’]*’|「[^」]*」/g, ' ')
    // keras-cn's gloss: the English term in brackets after its Chinese name, 全连接层 (Dense), 异或 (xor).
    .replace(/([\u3400-\u9fff])\s*[（(][A-Za-z_ -]+[)）]/g, '$1')
    .replace(/--[A-Za-z][\w-]*(?:[ =][\w.-]+)?/g, ' ')
    .replace(/\b(?:npm|pip) install \S+/g, ' ')
    // The system's own words quoted as a detail, labelled as such (原始信息: a JSON parser's, the OS's).
    .replace(/原始信息：[^）]*）/g, ' ')
    .replace(/\b\w+(?:=|<=|>=|!=|<|>|~)\S*/g, ' ');
  const words = stripped.match(/[A-Za-z@][A-Za-z0-9_'’./@-]*/g) ?? [];
  return words
    .map((w) => w.replace(/[.'’-]+$/, ''))
    .filter((w) => {
      if (/[./@]/.test(w)) return false; // file names, code, paths, packages
      if (extra.has(w)) return false;
      if (w.length <= 2) return false; // x, y, w, b, ms, px, an axis name
      if (/[_0-9]/.test(w)) return false; // identifiers: batch_size, feature_3, conv2d_1, file names
      if (/^[A-Z0-9]+$/.test(w) && w.length <= 5) return false; // acronyms: MSE, MAE, ReLU-like, LR
      if (ALLOW.has(w) || ALLOW_LOWER.has(w.toLowerCase())) return false;
      if (/^[a-z]+[A-Z]/.test(w)) return false; // camelCase identifiers: learningRate, categoricalCrossentropy
      if (/\.(csv|json|png|svg|neurite|onnx|h5|keras|py|ts|xlsx)$/i.test(w)) return false;
      return true;
    });
}

/** One visible string of the page and where it was (the nearest data-testid, else the tag). */
export interface PageText {
  text: string;
  where: string;
}

/**
 * Every visible text of the page: text nodes of visible elements, the title / aria-label /
 * placeholder / alt of visible elements, the (possibly hidden) elements their aria-describedby /
 * aria-labelledby point to, and the options of visible selects. Leaves out what the user
 * typed (input and textarea values), code blocks (`pre`, `code`) and text marked English on
 * purpose (`lang="en"`: the glossary's English column); the data's own words (layer and column
 * names) are allowed by the caller.
 */
export async function collectTexts(page: Page): Promise<PageText[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const excluded = (el: Element) => !!el.closest('pre, code, script, style, textarea, [lang="en"], .react-flow__attribution');
    const where = (el: Element) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      return id ?? el.tagName.toLowerCase();
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const joined = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let parent = node.parentElement;
      if (!parent || excluded(parent) || !shown(parent) || parent.tagName === 'OPTION') continue;
      // A word split by <wbr> line-break hints (Batch<wbr>Normalization) is read whole.
      if (parent.querySelector(':scope > wbr')) {
        if (joined.has(parent)) continue;
        joined.add(parent);
      } else parent = null;
      const text = (parent ? parent.textContent : node.textContent)?.trim();
      if (text) out.push({ text, where: where(parent ?? node.parentElement!) });
    }
    for (const el of Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))) {
      if (excluded(el) || !shown(el)) continue;
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ text: value, where: `${where(el)}[${attr}]` });
      }
    }
    // What screen readers announce from hidden elements: the descriptions and labels other elements point to.
    const referenced = new Set<string>();
    for (const el of Array.from(document.querySelectorAll('[aria-describedby], [aria-labelledby]'))) {
      if (excluded(el) || !shown(el)) continue;
      for (const attr of ['aria-describedby', 'aria-labelledby']) for (const id of (el.getAttribute(attr) ?? '').split(/\s+/)) if (id) referenced.add(id);
    }
    for (const id of referenced) {
      const target = document.getElementById(id);
      const text = target?.textContent?.trim();
      if (target && text && !excluded(target)) out.push({ text, where: `#${id}` });
    }
    for (const select of Array.from(document.querySelectorAll('select'))) {
      if (excluded(select) || !shown(select)) continue;
      for (const option of Array.from(select.options)) if (option.text.trim()) out.push({ text: option.text.trim(), where: `${where(select)} option` });
    }
    return out;
  });
}

/** An untranslated string: where it was, its text, and the words that gave it away. */
export interface Untranslated extends PageText {
  words: string[];
}

/** The untranslated strings of the page now; `extra` are words of the data (column and layer names). */
export async function untranslated(page: Page, extra: ReadonlySet<string> = new Set()): Promise<Untranslated[]> {
  const texts = await collectTexts(page);
  return texts.map((t) => ({ ...t, words: englishWords(t.text, extra) })).filter((t) => t.words.length > 0);
}
