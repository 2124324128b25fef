/**
 * The engine pieces the benchmarks in bench/ drive from the built bundle (out/main/bench.js):
 * they are plain Node scripts without a TypeScript loader. Not used by the app.
 */
export { initBackend } from './backend';
export { buildForTraining, buildModel, compileModel } from './compile';
export { disposeModel, loadDataset, runProject } from './run-project';
export { trainModel } from './train-loop';
export { isWasmMatMulPatched, patchWasmMatMul, unpatchWasmMatMul } from './wasm-matmul';
export { parseProject } from '../../shared/project/load';
export { validateGraph } from '../../shared/graph/validate';
export { inferShapes } from '../../shared/graph/shapes';
export { planGraph } from '../../shared/graph/plan';
export { splitRows } from '../../shared/data/split';
export { chain, node, residualTower } from '../../shared/graph/fixtures';
export { FastDenseTrainer, planFastDense } from './fast-dense';
export { WasmGemm } from './fast-wasm';
export { DataService } from '../data/service';
export { importImageFolder } from '../data/image-folder';
// Issue 15: a project with N remembered runs, for bench/runs-view.mjs.
export { runsProject } from '../../../test/tools/runs-project';
