/**
 * The names of every API call and event, without their schemas, so the sandboxed preload can
 * expose them without bundling zod. `contract.ts` checks at compile time that these lists
 * match its maps exactly.
 */
export const CALL_NAMES = [
  'app.info',
  // issue 16: desktop menus follow the UI language
  'app.setLanguage',
  'engine.backend',
  'templates.list',
  'templates.get',
  'train.start',
  'train.stop',
  // issue 15: learning-rate finder
  'train.findLearningRate',
  'train.stopLearningRateFinder',
  'model.predict',
  'model.export',
  'model.exportOnnx',
  'model.keep',
  'model.load',
  // issue 15 runs core
  'model.release',
  // issue 14: interop/feature maps
  'model.activations',
  'code.imageData',
  // issue 16: inside the model
  'model.weights',
  // issue 18: train at scale
  'code.packageData',
  // issue 18: import training run
  'runs.importPackage',
  'project.open',
  'project.save',
  'project.recent',
  'project.backup',
  'project.recovery',
  'project.importModel',
  'project.exportFiles',
  'project.keep',
  'project.download',
  'project.downloadChunk',
  'data.openCsv',
  'data.uploadBegin',
  'data.uploadChunk',
  'data.inspect',
  'data.import',
  'data.sample',
  'data.cancel',
  // issue 14: seeing it
  'data.images',
  // issue 14: image folders
  'data.openImages',
  'data.inspectImages',
  'data.importImages',
] as const;

export const EVENT_NAMES = ['app.command', 'train.event', 'data.progress', 'train.lrFinderProgress'] as const;

/** Channel prefix for Electron IPC; the preload refuses anything else. */
export const IPC_PREFIX = 'neurite:';
export const ipcChannel = (name: string): string => `${IPC_PREFIX}${name}`;
