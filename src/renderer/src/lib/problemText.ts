// Issue 16: the one implementation moved to src/shared/i18n/problem-text.ts (the command line renders problems with it too).
export { fixLabel, layerText, optimizerText, paramText, problemText } from '../../../shared/i18n/problem-text';
