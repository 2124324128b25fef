#!/usr/bin/env node
// CNN benchmark (issue 14): the digits CNN and the MNIST-subset CNN templates, a fixed number of
// epochs, trained by Neurite's trainer path (runProject, as the trainer process and the CLI run it)
// and by PyTorch on the SAME model (layers, sizes, initialisers, Adam settings, batch size, epochs)
// and the SAME data (pixels after the project's pipeline, Neurite's stratified split), in the same
// run. Prints seconds per epoch (training plus the validation pass, both sides), the ratio, and the
// final accuracies, so a fast but wrong run shows.
// Needs the build: `npm run build && node bench/cnn.mjs`.
// Options: --only digits,mnist   --repeat N (median of N runs, order rotated each round)   --threads 1,2 (PyTorch threads)
//          --kernels (also print Neurite's slowest tfjs kernels per training step, tf.profile)
//          NEURITE_BACKEND=wasm|cpu|tensorflow   NEURITE_TORCH_PYTHON=/path/to/python (default: /usr/bin/python3 or python3, with torch)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out/main/bench.js');
if (!existsSync(bundle)) {
  console.error(`bench: ${bundle} is missing; run npm run build first.`);
  process.exit(1);
}
const engine = createRequire(import.meta.url)(bundle);

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const only = option('--only', 'digits,mnist').split(',');
const repeat = Math.max(1, Number(option('--repeat', '1')));
const torchThreads = option('--threads', '1,2').split(',').map(Number);

const workloads = [
  { id: 'digits', template: 'digits-cnn', epochs: 10, name: 'digits CNN (8×8, 1,437 train / 360 val), 10 epochs, batch 32' },
  { id: 'mnist', template: 'mnist-cnn', epochs: 3, name: 'MNIST subset CNN (28×28, 8,000 train / 2,000 val), 3 epochs, batch 32' },
].filter((w) => only.includes(w.id));

function template(id, epochs) {
  const result = engine.parseProject(readFileSync(path.join(root, 'resources/templates', `${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return { ...result.project, training: { ...result.project.training, epochs } };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A Python with torch, or why none was found. */
function findTorch() {
  // NEURITE_TORCH_PYTHON, when set, is the only candidate (set it to a Python without torch to see Neurite's numbers alone).
  const candidates = process.env.NEURITE_TORCH_PYTHON ? [process.env.NEURITE_TORCH_PYTHON] : ['/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    try {
      const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return { python, version };
    } catch {
      // next candidate
    }
  }
  return { python: null, reason: `no Python with torch (tried ${candidates.join(', ')}; python3-torch from Debian's packages, or set NEURITE_TORCH_PYTHON)` };
}

async function runNeurite(project) {
  const run = await engine.runProject(project);
  engine.disposeModel(run.model);
  const logs = run.outcome.finalLogs;
  return { seconds: run.outcome.elapsedMs / 1000 / project.training.epochs, acc: logs.acc ?? logs.accuracy, valAcc: logs.val_acc ?? logs.val_accuracy, path: run.outcome.path };
}

/** The model, data and split PyTorch trains on, written where cnn_torch.py reads them. */
function writeTorchInput(dir, project, dataset) {
  const plan = engine.planGraph(project.graph);
  const [input, ...layers] = plan.nodes;
  const split = engine.splitRows(dataset, project.training);
  const t = project.training;
  writeFileSync(path.join(dir, 'x.f32'), new Uint8Array(dataset.x.buffer, dataset.x.byteOffset, dataset.x.byteLength));
  writeFileSync(path.join(dir, 'y.i32'), new Uint8Array(Int32Array.from(dataset.y).buffer));
  writeFileSync(path.join(dir, 'train.i32'), new Uint8Array(Int32Array.from(split.train).buffer));
  writeFileSync(path.join(dir, 'val.i32'), new Uint8Array(Int32Array.from(split.validation).buffer));
  if (t.optimizer.type !== 'adam' || t.loss !== 'sparseCategoricalCrossentropy') throw new Error('bench/cnn.mjs maps Adam with sparse categorical cross-entropy only');
  return (threads) =>
    writeFileSync(
      path.join(dir, 'spec.json'),
      JSON.stringify({ input: input.output.shape.slice(1), layers: layers.map((n) => ({ type: n.node.type, params: n.params })), batchSize: t.batchSize, epochs: t.epochs, learningRate: t.optimizer.learningRate, seed: t.seed ?? 1, threads }),
    );
}

function runTorch(python, dir) {
  const run = spawnSync(python, [path.join(root, 'bench/cnn_torch.py'), dir], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '' } });
  if (run.status !== 0) throw new Error(`cnn_torch.py failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const out = JSON.parse(run.stdout.trim().split('\n').pop());
  return { seconds: out.epochSeconds.reduce((a, b) => a + b, 0) / out.epochSeconds.length, acc: out.final.acc, valAcc: out.final.val_acc, threads: out.threads, version: out.torch };
}

function table(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n');
}

const backend = await engine.initBackend();
console.log(`Backend: ${backend.name}${backend.fallbackReasons.length ? ` (${backend.fallbackReasons.join(' ')})` : ''}`);
console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start (other jobs on a shared machine slow both sides unevenly: compare ratios of the same run)`);
const torch = findTorch();
console.log(torch.python ? `PyTorch ${torch.version} (${torch.python})` : `PyTorch: not found — ${torch.reason}; Neurite's numbers alone.`);
console.log('');

// Warm-up: wasm compilation and the first kernels do not land on a measured run.
await runNeurite(template('digits-cnn', 1));

/** Milliseconds per kernel for one training step of a batch of 32 (tf.profile over 20 steps; --kernels). */
async function kernelProfile(project) {
  const tf = createRequire(import.meta.url)('@tensorflow/tfjs');
  const { model } = engine.buildForTraining(project.graph, project.training);
  const shape = model.inputs[0].shape.slice(1);
  const x = tf.randomUniform([32, ...shape], 0, 1, 'float32', 14);
  const y = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10));
  await model.trainOnBatch(x, y);
  const steps = 20;
  const profile = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  });
  const perKernel = new Map();
  for (const k of profile.kernels) perKernel.set(k.name, (perKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs) / steps);
  tf.dispose([x, y]);
  engine.disposeModel(model);
  const total = [...perKernel.values()].reduce((a, b) => a + b, 0);
  const top = [...perKernel].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
  return `${total.toFixed(1)} ms in ${profile.kernels.length / steps} kernels per step; slowest: ${top.join(', ')}`;
}

const rows = [];
const paths = [];
const profiles = [];
for (const w of workloads) {
  const project = template(w.template, w.epochs);
  const configs = [{ label: `Neurite (${backend.name}, trainer path)`, run: () => runNeurite(project) }];
  let dir = null;
  if (torch.python) {
    // The data and split are the project's, as Neurite's run loads them.
    dir = mkdtempSync(path.join(tmpdir(), 'neurite-bench-cnn-'));
    const writeSpec = writeTorchInput(dir, project, engine.loadDataset(project.dataset));
    for (const threads of torchThreads) {
      configs.push({ label: `PyTorch ${torch.version}, ${threads} thread${threads === 1 ? '' : 's'}`, run: () => (writeSpec(threads), runTorch(torch.python, dir)) });
    }
  }
  const samples = configs.map(() => []);
  try {
    for (let round = 0; round < repeat; round++) {
      // Rotating the order each round spreads machine noise (other jobs) over all configs.
      for (let k = 0; k < configs.length; k++) {
        const i = (k + round) % configs.length;
        samples[i].push(await configs[i].run());
      }
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const ours = median(samples[0].map((r) => r.seconds));
  configs.forEach((c, i) => {
    const seconds = median(samples[i].map((r) => r.seconds));
    const last = samples[i][samples[i].length - 1];
    rows.push([w.id, c.label, seconds.toFixed(2), `${(ours / seconds).toFixed(2)}×`, last.acc.toFixed(4), last.valAcc.toFixed(4), samples[i].map((r) => r.seconds.toFixed(2)).join(' ')]);
  });
  const neurite = samples[0][samples[0].length - 1];
  paths.push(`${w.id}: ${neurite.path.kind} (${neurite.path.description})`);
  if (args.includes('--kernels')) profiles.push(`${w.id}: ${await kernelProfile(project)}`);
  console.error(`${w.id} done`);
}

console.log(`Load average ${loadavg()[0].toFixed(1)} at the end.`);
console.log(`Runs per config: ${repeat} (s/epoch = median over runs of the run's mean; every run listed in the last column)\n`);
console.log(table(['workload', 'run', 's/epoch', 'Neurite ÷ this', 'final acc', 'final val_acc', 'runs (s/epoch)'], rows));
console.log('\n' + workloads.map((w) => `${w.id} = ${w.name}`).join('\n'));
console.log('Training step taken by Neurite:\n' + paths.map((p) => `  ${p}`).join('\n'));
if (profiles.length) console.log(`Neurite kernels, one step of a batch of 32 (--kernels):\n${profiles.map((p) => `  ${p}`).join('\n')}`);
console.log('Target (issue 14): Neurite within 3× of PyTorch\'s CPU time ("Neurite ÷ this" ≤ 3 against the 1-thread row).');
