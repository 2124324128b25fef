// Issue 16: the one implementation is src/shared/i18n/problem-text.ts (the command line renders messages with it too).
export { codegenErrorText, fixLabel, layerText, lossText, messageText, optimizerText, paramText, problemText } from '../../../shared/i18n/problem-text';
