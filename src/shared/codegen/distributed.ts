import { codegenWords } from './messages';
import type { Project } from '../project/schema';
import { planGraph } from '../graph/plan';
import { projectHashes } from '../project/hash';
import { getLoss, kerasLossCode } from '../losses';
import { getMetric } from '../metrics';
import type { FusedMetricId } from '../metrics/types';
import { kerasOptimizerCode } from '../optimizers';
import { preprocessingFor } from '../data/preprocess';
import { neuriteMetadata, preprocessingFile } from '../import/neurite-metadata';
import { CodegenError, csvScriptSpec, planLayers, quote, scriptSplitSpec } from './common';
import { scriptStem } from './image-data';
import { buildModelCode, datasetCode, imageFilesCode, kerasEarlyStoppingCode, preprocessingCode, savedWeightNamesCode, splitCode } from './python';

/**
 * Issue 18: the training package ("Train at scale…", `neurite export --format
 * keras-distributed`): a folder with `train.py` (Keras 3 on TensorFlow, for `tf.distribute`),
 * `README.md` and the data, so the project's model trains on a multi-GPU machine or a cluster and
 * comes back to Neurite as a TF.js layers model (model.json + weights.bin, written by the script)
 * with its training log.
 *
 * One implementation per computation: the model is `buildModelCode` (the Keras script export's),
 * the held-out rows `splitCode`, the raw-row preprocessing (for `--predict-rows`) `preprocessingCode`,
 * the optimizer, loss and callbacks the registries' Keras code. The CSV is read as a streaming
 * `tf.data` pipeline (TextLineDataset + decode_csv) and encoded by TensorFlow ops that interpret
 * the project's pipeline (src/shared/data/preprocess.ts: impute, encode, z-score) with its numbers;
 * test/integration/keras-distributed.test.ts checks they agree with the app's. Images stream too:
 * `<stem>.images.npy` is memory-mapped and tf.data carries row indices; each batch's pixels are
 * gathered from the map and scaled by the Keras script's `after_encode` (test/integration/
 * keras-distributed-images.test.ts). Generated datasets are made in memory by the script itself.
 *
 * Why a custom loop: with Keras 3.15 and TensorFlow 2.21, `model.fit` under
 * `MultiWorkerMirroredStrategy` fails ("Attempt to convert a value (PerReplica:{…}) to a Tensor",
 * measured here), while `strategy.run` with `tf.GradientTape` and `tf.nn.compute_average_loss`
 * trains the same Keras model.
 */

/** The files of a training package, relative to its folder. `data` is the CSV's file name when the package carries the project's CSV (written by the host, which has the bytes). */
export interface TrainingPackage {
  trainPy: string;
  readme: string;
  /** The CSV the script reads (its name in the folder), for a CSV dataset. */
  csvFile?: string;
  /** The .npy stem an image dataset's files take (`<stem>.images.npy`, `<stem>.labels.npy`), for an image dataset. */
  imageStem?: string;
}

/** Keras 3 per-sample metric functions for the registry's metric variants (keras/src/metrics/*; the same rule `compile(metrics=…)` picks). */
const KERAS_METRIC_FUNCTION: Record<FusedMetricId, string> = {
  binaryAccuracy: 'keras.metrics.binary_accuracy',
  categoricalAccuracy: 'keras.metrics.categorical_accuracy',
  sparseCategoricalAccuracy: 'keras.metrics.sparse_categorical_accuracy',
  mae: 'keras.metrics.mean_absolute_error',
  mse: 'keras.metrics.mean_squared_error',
};

/** The CSV file name inside the package: the imported file's name, made safe for a path (`my data.csv` → `my_data.csv`). */
export function packageCsvName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  return safe === '' ? 'data.csv' : /\.(csv|tsv|txt)$/i.test(safe) ? safe : `${safe}.csv`;
}

/** The README's name for the dataset kind: what the script reads and how. */
function dataDescription(project: Project, csvFile: string | undefined, imageStem: string): string {
  const d = project.dataset;
  if (d.kind === 'csv') return `\`${csvFile}\` (a copy of ${d.file.name}, UTF-8), read as a stream (\`tf.data.TextLineDataset\` + \`tf.io.decode_csv\`) and encoded with the project's preprocessing as TensorFlow ops. A bigger file with the same columns can take its place: \`--data PATH\`.`;
  if (d.kind === 'images') return `\`${imageStem}.images.npy\` and \`${imageStem}.labels.npy\` (raw pixels and class indices), streamed: the pixels are memory-mapped (\`np.load(mmap_mode="r")\`), \`tf.data\` carries row indices, and each batch reads its rows' pixels and scales them with the project's pixel scaling (the Keras script export's code); only the labels (a few bytes a row) are held in memory. Another folder holding the two files can take the package's place: \`--data FOLDER\`.`;
  return `the "${d.generator}" generator (seed ${d.seed}), made in memory by the same code as the Keras script export.`;
}

/**
 * The training package of a project. Throws CodegenError (as the Keras script export does) for a
 * graph that cannot be generated, or a workbook sheet whose text the host cannot supply (the host
 * checks before writing).
 */
export function toKerasDistributed(project: Project, options: { appVersion?: string } = {}): TrainingPackage {
  const plan = planGraph(project.graph);
  const layers = planLayers(project, plan);
  const split = scriptSplitSpec(project, plan);
  const t = project.training;
  const d = project.dataset;
  const csvFile = d.kind === 'csv' ? packageCsvName(d.file.name) : undefined;
  const imageStem = scriptStem(project.name);
  const outputs = plan.nodes.filter((n) => n.isOutput);
  if (outputs.length !== 1) throw new CodegenError(codegenWords('codegen.oneOutput', { count: outputs.length }));
  const outShape = outputs[0].output.ok ? outputs[0].output.shape : null;
  const units = outShape ? (outShape[outShape.length - 1] ?? 1) : 1;
  const loss = getLoss(t.loss);
  const metrics = t.metrics.map((id) => {
    const def = getMetric(id);
    return { name: def.kerasName, fn: KERAS_METRIC_FUNCTION[def.variant(loss, split.binaryColumn ? 1 : units)] };
  });
  // What the written model takes: the pipeline's features (preprocessing.json beside model.json), or raw rows when the pipeline only copies numbers.
  const pipeline = preprocessingFor(d);
  const identity = pipeline.steps.every((step) => step.kind === 'encode' && step.columns.every((c) => c.kind === 'numeric'));
  const metadata = neuriteMetadata(identity ? 'none' : 'file', t);
  const hashes = projectHashes(project, plan);
  const neurite = { project: project.name, appVersion: options.appVersion ?? project.appVersion, ...hashes, dataset: d.kind };
  const settings = { epochs: t.epochs, batchSize: t.batchSize, shuffle: t.shuffle, seed: t.seed, loss: loss.kerasName, metrics: metrics.map((m) => m.name) };
  const trainPy = [
    '#!/usr/bin/env python3',
    `"""${project.name.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')} — training package generated by Neurite (issue 18: train at scale).`,
    '',
    'Trains the project\'s model with TensorFlow\'s distribution strategies and writes the trained weights as a',
    'TF.js layers model (model.json + weights.bin) that Neurite opens, with a training log (JSON lines). See README.md.',
    '',
    '  python train.py                                   # this machine (the default strategy)',
    '  python train.py --strategy mirrored               # this machine, every GPU',
    '  TF_CONFIG=... python train.py --strategy multi-worker   # one process per worker of a cluster',
    '"""',
    'import argparse',
    'import hashlib',
    'import json',
    'import math',
    'import os',
    'import re',
    'import sys',
    'import time',
    '',
    'import numpy as np',
    '',
    '# The project this package was made from (its hashes let `neurite import-run` check the result belongs to it).',
    `NEURITE = json.loads(${quote(JSON.stringify(neurite))})`,
    "# The project's fit() settings; --epochs and --batch-size override them.",
    `SETTINGS = json.loads(${quote(JSON.stringify(settings))})`,
    "# model.json's userDefinedMetadata (what its inputs are, the fit() settings) and preprocessing.json beside it, as Neurite's TF.js export writes them.",
    `MODEL_METADATA = json.loads(${quote(JSON.stringify(metadata))})`,
    `PREPROCESSING_FILE = ${identity ? 'None' : `json.loads(${quote(JSON.stringify(preprocessingFile(pipeline)))})`}`,
    '',
    '',
    preprocessingCode(project),
    '',
    '',
    d.kind === 'csv' ? csvStreamCode(project, csvFile!, split.binaryColumn) : d.kind === 'images' ? imageStreamCode(project, imageStem) : inMemoryDataCode(project, imageStem),
    '',
    '',
    splitCode(split),
    '',
    '',
    buildModelCode(layers),
    '',
    '',
    savedWeightNamesCode(layers),
    '',
    '',
    'def make_optimizer():',
    '    import keras',
    '',
    `    return ${kerasOptimizerCode(t.optimizer)}`,
    '',
    '',
    'def keras_loss():',
    "    \"\"\"The project's loss as Keras' compile(loss=...) takes it.\"\"\"",
    '    import keras',
    '',
    `    return ${kerasLossCode(t.loss)}`,
    '',
    '',
    'def make_loss():',
    '    """The loss, called per example: a Keras loss object\'s call() or a loss function (both unreduced)."""',
    '    import keras',
    '',
    '    loss = keras.losses.get(keras_loss())',
    '    return (lambda y, p: loss.call(y, p)) if isinstance(loss, keras.losses.Loss) else loss',
    '',
    '',
    'def make_metrics():',
    '    """(log name, per-example function) of the project\'s metrics, as Keras\' compile(metrics=...) chooses them for this loss and output."""',
    '    import keras',
    '',
    `    return [${metrics.map((m) => `(${quote(m.name)}, ${m.fn})`).join(', ')}]`,
    '',
    '',
    'def make_callbacks():',
    "    \"\"\"The project's Keras callbacks. The custom loop calls them as fit() does (on_train_begin, on_epoch_end with the logs, stop_training).\"\"\"",
    '    import keras',
    '',
    '    callbacks = []',
    t.earlyStopping ? `    callbacks.append(${kerasEarlyStoppingCode(t.earlyStopping)})` : '    # (early stopping is off in the project)',
    '    return callbacks',
    '',
    '',
    LOOP_PY,
    '',
  ]
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n');
  return { trainPy, readme: readmeText(project, csvFile, imageStem, metrics.map((m) => m.name)), ...(csvFile ? { csvFile } : {}), ...(d.kind === 'images' ? { imageStem } : {}) };
}

/** The CSV read as a stream: lines → fields (tf.io.decode_csv) → Neurite's preprocessing as TensorFlow ops. */
function csvStreamCode(project: Project, csvFile: string, binaryColumn: boolean): string {
  if (project.dataset.kind !== 'csv') throw new Error('csvStreamCode needs a CSV dataset.');
  const spec = { ...csvScriptSpec(project.dataset), file: csvFile };
  return `# How Neurite read the CSV: delimiter, header, column roles and classes (features: see PREPROCESSING).
CSV = json.loads(${quote(JSON.stringify(spec))})
DATA_KIND = "csv"
# One sigmoid unit under binary crossentropy takes the class-1 column of two one-hot classes (labels_for_loss).
BINARY_COLUMN = ${binaryColumn ? 'True' : 'False'}
` + CSV_STREAM_PY;
}

/** Images streamed from the memory-mapped .npy file: the Keras script's image_files, image_labels and after_encode, per batch. */
function imageStreamCode(project: Project, stem: string): string {
  if (project.dataset.kind !== 'images') throw new Error('imageStreamCode needs an image dataset.');
  return `DATA_KIND = "images"


${imageFilesCode(project.dataset, stem)}
` + IMAGE_STREAM_PY;
}

/** Generated data: the Keras script export's make_data(), in memory (the script makes the rows; there is no file to stream). */
function inMemoryDataCode(project: Project, stem: string): string {
  return `DATA_KIND = ${quote(project.dataset.kind)}


${datasetCode(project, stem)}
` + IN_MEMORY_PY;
}

const CSV_STREAM_PY = String.raw`

def tf_is_missing(text):
    """Neurite's missing texts (empty, NA, N/A, null, none, ?), case-insensitive, trimmed: a bool tensor."""
    import tensorflow as tf

    return tf.strings.regex_full_match(tf.strings.lower(tf.strings.strip(text)), r"|na|n/a|null|none|\?")


def tf_assert(ok, message, values, rows):
    """Stops the input pipeline with a message naming the column, the data rows (1-based, after the header and
    blank lines) and the bad values."""
    import tensorflow as tf

    bad = tf.logical_not(ok)
    return tf.debugging.Assert(tf.reduce_all(ok), [message, "rows", tf.boolean_mask(rows + 1, bad), "values", tf.boolean_mask(values, bad)], summarize=5)


def tf_parse_numbers(text, rows, column, number_format, allowed_missing=None):
    """Texts -> float64 in the file's number format (parse_number's rules as TensorFlow ops); a bad number stops with its column."""
    import tensorflow as tf

    t = tf.strings.strip(text)
    fmt = number_format or {"decimal": ".", "thousands": ""}
    if fmt["thousands"]:
        sep = re.escape(fmt["thousands"])
        grouped = tf.strings.regex_full_match(t, rf"[-+]?\d{{1,3}}({sep}\d{{3}})+([{re.escape(fmt['decimal'])}]\d*)?([eE][-+]?\d+)?")
        t = tf.where(grouped, tf.strings.regex_replace(t, sep, ""), t)
    if fmt["decimal"] == ",":
        t = tf.strings.regex_replace(t, ",", ".")
    ok = tf.strings.regex_full_match(t, r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
    if allowed_missing is not None:
        ok = tf.logical_or(ok, allowed_missing)
    with tf.control_dependencies([tf_assert(ok, f"Column {column!r}: expected a number", text, rows)]):
        safe = tf.where(ok, t, "0")
        safe = tf.where(tf.strings.regex_full_match(safe, r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"), safe, "0")
        return tf.strings.to_number(safe, out_type=tf.float64)


def tf_category_index(text, rows, categories, column):
    """Stripped texts -> their index among the column's categories; an unknown category stops with its column."""
    import tensorflow as tf

    t = tf.strings.strip(text)
    equal = tf.equal(t[:, None], tf.constant(categories)[None, :])
    found = tf.reduce_any(equal, axis=1)
    with tf.control_dependencies([tf_assert(found, f"Column {column!r}: unknown category (expected one of {categories[:8]})", t, rows)]):
        return tf.argmax(tf.cast(equal, tf.int32), axis=1), tf.cast(equal, tf.float64)


def csv_fields(path):
    """The CSV's records, one string tensor per column, as Neurite read them: the lines after the skipped
    ones and the header, blank lines left out, rows with a missing value in a "drop" column left out."""
    import tensorflow as tf

    n = len(CSV["columns"])
    delimiter = CSV["delimiter"]
    lines = tf.data.TextLineDataset(path).skip(CSV["text"]["skipLines"])
    lines = lines.map(lambda line: tf.strings.regex_replace(tf.strings.regex_replace(line, "^\ufeff", ""), "\r$", ""))
    blank = "[\\s\"" + re.escape(delimiter) + "]*"
    lines = lines.filter(lambda line: tf.logical_not(tf.strings.regex_full_match(line, blank)))
    if CSV["header"]:
        lines = lines.skip(1)
    fields = lines.map(lambda line: tuple(tf.io.decode_csv(line, record_defaults=[""] * n, field_delim=delimiter, use_quote_delim=True, na_value="")))
    drop = [c for c, column in enumerate(CSV["columns"]) if column.get("missing") == "drop"]
    if drop:
        fields = fields.filter(lambda *f: tf.logical_not(tf.reduce_any(tf.stack([tf_is_missing(f[c]) for c in drop]))))
    return fields


def encode_features(fields, rows):
    """A batch of records (one string tensor per column) -> the model's inputs, float32 (batch x features):
    the project's PREPROCESSING steps (impute, encode, zscore) with its numbers, computed in float64 as Neurite does."""
    import tensorflow as tf

    raw = {column["name"]: fields[c] for c, column in enumerate(CSV["columns"]) if column["role"] == "feature"}
    number_fills, indicators = {}, {}
    x = None
    for step in PREPROCESSING["steps"]:
        if step["kind"] == "impute":
            for c in step["columns"]:
                missing = tf_is_missing(raw[c["column"]])
                if "fill" in c and isinstance(c["fill"], str):
                    raw[c["column"]] = tf.where(missing, c["fill"], raw[c["column"]])
                elif "fill" in c:
                    number_fills[c["column"]] = (missing, float(c["fill"]))
                if c["indicator"]:
                    indicators[c["column"] + " (missing)"] = tf.cast(missing, tf.float64)
        elif step["kind"] == "encode":
            parts = []
            for c in step["columns"]:
                if c["column"] in indicators and c["column"] not in raw:
                    parts.append(indicators[c["column"]][:, None])
                elif c["kind"] == "numeric":
                    missing, fill = number_fills.get(c["column"], (None, 0.0))
                    value = tf_parse_numbers(raw[c["column"]], rows, c["column"], step.get("numberFormat"), missing)
                    parts.append((value if missing is None else tf.where(missing, tf.constant(fill, tf.float64), value))[:, None])
                else:
                    index, onehot = tf_category_index(raw[c["column"]], rows, c["categories"], c["column"])
                    parts.append(tf.cast(index, tf.float64)[:, None] if c["kind"] == "index" else onehot)
            x = tf.concat(parts, axis=1)
        elif step["kind"] == "zscore":
            x = (x - tf.constant(step["means"], tf.float64)) / tf.constant(step["stds"], tf.float64)
        elif step["kind"] == "rescale":
            k = np.arange(len(PREPROCESSING["featureNames"])) % len(step["scale"])
            x = x * tf.constant(np.array(step["scale"])[k], tf.float64) + tf.constant(np.array(step["offset"])[k], tf.float64)
    # Neurite keeps each value as float32 after every step; float64 throughout then float32 gives the same numbers to 1 ulp.
    return tf.cast(x, tf.float32)


LABEL_COLUMN = next(c for c, column in enumerate(CSV["columns"]) if column["role"] == "label")


def encode_labels(fields, rows):
    """A batch of records -> the labels as the loss compares them (labels_for_loss), float32 (batch x width)."""
    import tensorflow as tf

    text = fields[LABEL_COLUMN]
    names = CSV["classNames"]
    if not names:
        return tf.cast(tf_parse_numbers(text, rows, CSV["columns"][LABEL_COLUMN]["name"], CSV["numberFormat"])[:, None], tf.float32)
    index, onehot = tf_category_index(text, rows, names, CSV["columns"][LABEL_COLUMN]["name"])
    if BINARY_COLUMN:
        return tf.cast(tf.equal(index, 1), tf.float32)[:, None]
    return tf.cast(onehot, tf.float32) if CSV["labelEncoding"] == "onehot" else tf.cast(index, tf.float32)[:, None]


class Data:
    """The CSV as tf.data pipelines: one pass reads the labels (to count the rows and hold out the very rows
    Neurite holds out, split_rows), then every epoch streams the file again."""

    def __init__(self, path):
        import tensorflow as tf

        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: give the CSV with --data PATH (the package carries {CSV['file']})")
        self.path = path
        names = CSV["classNames"]
        classes = []
        for batch in csv_fields(path).map(lambda *f: tf.strings.strip(f[LABEL_COLUMN])).batch(65536).as_numpy_iterator():
            classes.extend(names.index(v.decode("utf-8")) if names and v.decode("utf-8") in names else 0 for v in batch)
        if not classes:
            raise SystemExit(f"{path} has no data rows")
        y = np.array(classes, dtype=np.float32).reshape(-1, 1)
        train, validation, test = split_rows(y)
        self.rows = len(classes)
        roles = np.zeros(self.rows, dtype=np.int32)
        roles[validation] = 1
        roles[test] = 2
        self.roles = roles
        self.sizes = {"train": len(train), "validation": len(validation), "test": len(test)}

    def dataset(self, part, batch_size, shuffle=False, seed=None, limit=None):
        """Batches of (x, y) for 'train', 'validation', 'test' or 'all' (every row, file order)."""
        import tensorflow as tf

        role = {"train": 0, "validation": 1, "test": 2, "all": -1}[part]
        roles = tf.constant(self.roles)
        rows = csv_fields(self.path).enumerate()
        if role >= 0:
            rows = rows.filter(lambda i, f: tf.equal(tf.gather(roles, i), role))
        if limit is not None:
            rows = rows.take(limit)
        if shuffle:
            rows = rows.shuffle(10000, seed=seed, reshuffle_each_iteration=False)
        return rows.batch(batch_size).map(lambda i, f: (encode_features(f, i), encode_labels(f, i))).prefetch(tf.data.AUTOTUNE)

    def raw_rows(self, limit):
        """The first rows' feature values as written in the file (one text per feature column), for --predict-rows."""
        features = [c for c, column in enumerate(CSV["columns"]) if column["role"] == "feature"]
        out = []
        for record in csv_fields(self.path).take(limit).as_numpy_iterator():
            out.append([record[c].decode("utf-8").strip() for c in features])
        return out`;

const IMAGE_STREAM_PY = String.raw`

class Data:
    """The images, streamed: IMAGES["images"] memory-mapped (np.load(mmap_mode="r"): a batch reads the pages of its
    rows, never the whole file), tf.data carrying row indices, each batch's pixels gathered from the map and scaled
    (after_encode: the project's pixel scaling) inside tf.numpy_function. Only the labels are held in memory
    (split_rows needs every row's class)."""

    def __init__(self, path):
        self.pixels, label = image_files(path, mmap_mode="r", other_folder="give the folder holding it with --data FOLDER")
        _, self.y = labels_for_loss(None, image_labels(label))
        train, validation, test = split_rows(self.y)
        self.rows = int(label.shape[0])
        self.features = int(np.prod(self.pixels.shape[1:]))
        self.parts = {"train": train, "validation": validation, "test": test, "all": list(range(self.rows))}
        self.sizes = {"train": len(train), "validation": len(validation), "test": len(test)}

    def read(self, index):
        """Row indices (int64; -1 marks a padding row) -> (x, y), float32: the rows' pixels scaled, flat (rows x
        features), and their labels; padding rows are zeros."""
        real = index >= 0
        rows = index[real]
        x = np.zeros((len(index), self.features), dtype=np.float32)
        y = np.zeros((len(index), self.y.shape[1]), dtype=np.float32)
        x[real] = after_encode(np.asarray(self.pixels[rows], dtype=np.float32).reshape(len(rows), self.features))
        y[real] = self.y[rows]
        return x, y

    def load(self, index):
        """A batch of row indices (a tensor) -> (x, y) tensors, read by read()."""
        import tensorflow as tf

        x, y = tf.numpy_function(self.read, [index], (tf.float32, tf.float32), stateful=False)
        x.set_shape((None, self.features))
        y.set_shape((None, self.y.shape[1]))
        return x, y

    def index_batches(self, part, batch_size, shuffle=False, seed=None, limit=None):
        """Batches of row indices for 'train', 'validation', 'test' or 'all' (every row, file order)."""
        import tensorflow as tf

        rows = np.asarray(self.parts[part][:limit] if limit is not None else self.parts[part], dtype=np.int64)
        ds = tf.data.Dataset.from_tensor_slices(rows)
        if shuffle:
            # Indices are small: the buffer holds them all, a uniform shuffle of the part.
            ds = ds.shuffle(max(len(rows), 1), seed=seed, reshuffle_each_iteration=False)
        return ds.batch(batch_size)

    def dataset(self, part, batch_size, shuffle=False, seed=None, limit=None):
        """Batches of (x, y) for 'train', 'validation', 'test' or 'all' (every row, file order)."""
        import tensorflow as tf

        return self.index_batches(part, batch_size, shuffle, seed, limit).map(self.load).prefetch(tf.data.AUTOTUNE)

    def raw_rows(self, limit):
        """The first rows' raw pixel values (0 to IMAGES["maxValue"], as the .npy file holds them), for --predict-rows."""
        return np.asarray(self.pixels[:limit]).reshape(min(limit, self.rows), self.features).astype(float).tolist()`;

const IN_MEMORY_PY = String.raw`

class Data:
    """Generated data, made by make_data() (the Keras script export's), held out by split_rows and fed to tf.data."""

    def __init__(self, path):
        x, y = labels_for_loss(*make_data())
        self.x, self.y = x, y
        train, validation, test = split_rows(y)
        self.rows = int(x.shape[0])
        self.parts = {"train": train, "validation": validation, "test": test, "all": list(range(self.rows))}
        self.sizes = {"train": len(train), "validation": len(validation), "test": len(test)}

    def dataset(self, part, batch_size, shuffle=False, seed=None, limit=None):
        """Batches of (x, y) for 'train', 'validation', 'test' or 'all' (every row)."""
        import tensorflow as tf

        rows = self.parts[part][:limit] if limit is not None else self.parts[part]
        ds = tf.data.Dataset.from_tensor_slices((self.x[rows], self.y[rows]))
        if shuffle:
            ds = ds.shuffle(10000, seed=seed, reshuffle_each_iteration=False)
        return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)

    def raw_rows(self, limit):
        return [[float(v) for v in row] for row in self.x[:limit]]`;

/** The training loop, strategies, checkpoints, the log and the TF.js writer: the same for every project. */
const LOOP_PY = String.raw`def task():
    """This process's place in the cluster, from TF_CONFIG: (type, index, is chief, workers)."""
    config = json.loads(os.environ.get("TF_CONFIG") or "{}")
    cluster = config.get("cluster", {})
    kind, index = config.get("task", {}).get("type", "worker"), int(config.get("task", {}).get("index", 0))
    chief = kind == "chief" or (kind == "worker" and index == 0 and "chief" not in cluster)
    return kind, index, chief, sum(len(cluster.get(k, [])) for k in ("chief", "worker")) or 1


def make_strategy(name):
    import tensorflow as tf

    if name == "mirrored":
        return tf.distribute.MirroredStrategy()
    if name == "multi-worker":
        if not os.environ.get("TF_CONFIG"):
            raise SystemExit("--strategy multi-worker needs the TF_CONFIG environment variable (the cluster's addresses and this process's task): see README.md")
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def weights_digest(model):
    digest = hashlib.sha256()
    for variable in model.weights:
        digest.update(np.asarray(variable.numpy(), dtype="<f4").tobytes())
    return digest.hexdigest()


def write_tfjs(model, folder, epochs, batch_size):
    """The model as a TF.js layers model: model.json (the Keras 3 topology, as tensorflowjs_converter
    --input_format keras_keras writes it) and weights.bin (float32, little-endian, in the manifest's order),
    weights named <layer>/<weight> as Neurite and TF.js name them (SAVED_WEIGHT_NAMES)."""
    import keras

    specs, chunks = [], []
    for variable in model.weights:
        values = np.asarray(variable.numpy(), dtype="<f4")
        specs.append({"name": SAVED_WEIGHT_NAMES.get(variable.path, variable.path), "shape": [int(s) for s in values.shape], "dtype": "float32"})
        chunks.append(values.tobytes())
    model_json = {
        "format": "layers-model",
        "generatedBy": f"keras v{keras.__version__}",
        "convertedBy": "Neurite training package (train.py)",
        "modelTopology": {"keras_version": keras.__version__, "backend": keras.backend.backend(), "model_config": json.loads(model.to_json())},
        "weightsManifest": [{"paths": ["weights.bin"], "weights": specs}],
        "userDefinedMetadata": {"neurite": {**MODEL_METADATA["neurite"], "fit": {**MODEL_METADATA["neurite"]["fit"], "epochs": epochs, "batchSize": batch_size}}},
    }
    if PREPROCESSING_FILE is not None:
        with open(os.path.join(folder, "preprocessing.json"), "w", encoding="utf-8") as f:
            json.dump(PREPROCESSING_FILE, f, indent=1)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "weights.bin"), "wb") as f:
        f.write(b"".join(chunks))
    with open(os.path.join(folder, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model_json, f)


def log_line(path, record):
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)


def train(args):
    import tensorflow as tf
    import keras

    kind, index, chief, workers = task()
    strategy = make_strategy(args.strategy)
    data = Data(args.data)
    if SETTINGS["seed"] is not None:
        keras.utils.set_random_seed(SETTINGS["seed"])
    global_batch = args.batch_size
    replicas = strategy.num_replicas_in_sync
    if global_batch % replicas:
        raise SystemExit(f"--batch-size {global_batch} does not split evenly among the {replicas} replicas: choose a multiple of {replicas}")
    with strategy.scope():
        model = build_model()
        # compile() gives the model its optimizer (callbacks such as ReduceLROnPlateau reach it there) and model.json its compile_config.
        model.compile(optimizer=make_optimizer(), loss=keras_loss(), metrics=SETTINGS["metrics"])
        model.optimizer.build(model.trainable_variables)
        epoch_done = tf.Variable(0, dtype=tf.int64, trainable=False)
    input_shape = tuple(model.inputs[0].shape[1:])
    per_example_loss = make_loss()
    metrics = make_metrics()

    def datasets(part, epoch, shuffle):
        """Every worker reads the same global batches (the same shuffle: seed + epoch) and takes its share of each.
        The last, partial batch is padded with rows of weight 0, so every replica runs the same number of steps with
        rows to compute (MultiWorkerMirroredStrategy's empty batches for uneven data broke convolutions here)."""

        def make(input_context):
            pipelines, pipeline = input_context.num_input_pipelines, input_context.input_pipeline_id
            per_pipeline = global_batch // pipelines
            per_replica = input_context.get_per_replica_batch_size(global_batch)
            seed = (SETTINGS["seed"] or 0) + epoch
            start = pipeline * per_pipeline

            def padded_share(t, fill):
                """A global batch padded with fill to global_batch rows, then this pipeline's slice of it."""
                pad = global_batch - tf.shape(t)[0]
                t = tf.pad(t, [[0, pad]] + [[0, 0]] * (len(t.shape) - 1), constant_values=fill)
                return t[start:start + per_pipeline]

            def share(x, y):
                return padded_share(x, 0.0), padded_share(y, 0.0), padded_share(tf.ones(tf.shape(x)[:1]), 0.0)

            def read_share(index):
                # Images: the same global batches, as row indices (padding -1); a pipeline reads only its own rows.
                index = padded_share(index, -1)
                x, y = data.load(index)
                return x, y, tf.cast(index >= 0, tf.float32)

            if DATA_KIND == "images":
                ds = data.index_batches(part, global_batch, shuffle=shuffle, seed=seed).map(read_share).prefetch(tf.data.AUTOTUNE)
            else:
                ds = data.dataset(part, global_batch, shuffle=shuffle, seed=seed).map(share)
            return ds.unbatch().batch(per_replica) if per_replica != per_pipeline else ds

        return strategy.distribute_datasets_from_function(make)

    def sums(x, y, mask, training):
        """Per replica: [sum of the loss over its rows (+ the regularisation per row), sum of each metric, rows];
        padding rows (mask 0) count for nothing."""
        x = tf.reshape(x, (-1,) + input_shape)
        context = tf.distribute.get_replica_context()
        rows = tf.reduce_sum(mask)
        global_rows = context.all_reduce("SUM", rows)
        real = mask > 0
        with tf.GradientTape() as tape:
            p = model([x], training=training)
            per = tf.where(real, tf.cast(per_example_loss(y, p), tf.float32), 0.0)
            # The mean over the global batch (every replica's rows), as one machine's fit() computes it.
            loss = tf.nn.compute_average_loss(per, global_batch_size=tf.cast(tf.maximum(global_rows, 1.0), tf.int64))
            regularization = tf.add_n([tf.cast(l, tf.float32) for l in model.losses]) if model.losses else tf.constant(0.0)
            loss += tf.nn.scale_regularization_loss(regularization)
        if training:
            grads = tape.gradient(loss, model.trainable_variables)
            # Keras' optimizer sums the replicas' gradients (all-reduce) before applying them.
            model.optimizer.apply_gradients(zip(grads, model.trainable_variables))
        values = [tf.reduce_sum(per) + regularization * rows] + [tf.reduce_sum(tf.where(real, tf.cast(fn(y, p), tf.float32), 0.0)) for _, fn in metrics]
        return tf.stack(values + [rows])

    @tf.function
    def train_step(x, y, mask):
        return strategy.reduce("SUM", strategy.run(sums, args=(x, y, mask, True)), axis=None)

    @tf.function
    def eval_step(x, y, mask):
        return strategy.reduce("SUM", strategy.run(sums, args=(x, y, mask, False)), axis=None)

    def run_epoch(part, step, epoch, shuffle=False):
        total = np.zeros(len(metrics) + 2)
        for x, y, mask in datasets(part, epoch, shuffle):
            total += step(x, y, mask).numpy()
        rows = max(total[-1], 1.0)
        return {"loss": float(total[0] / rows), **{name: float(total[1 + i] / rows) for i, (name, _) in enumerate(metrics)}}

    # Checkpoints: every worker saves (the save is collective); the chief into --checkpoint-dir, the others into
    # scratch folders they delete, as TensorFlow's multi-worker guide does. A rerun resumes from the latest.
    checkpoint = tf.train.Checkpoint(model=model, optimizer=model.optimizer, epoch=epoch_done)
    folder = args.checkpoint_dir if chief else os.path.join(args.checkpoint_dir, f".worker-{kind}-{index}")
    manager = tf.train.CheckpointManager(checkpoint, folder, max_to_keep=3)
    latest = tf.train.latest_checkpoint(args.checkpoint_dir)
    if latest and not args.fresh:
        checkpoint.restore(latest)
    start = int(epoch_done.numpy())
    os.makedirs(args.out, exist_ok=True)
    log = os.path.join(args.out, "training-log.jsonl")
    if chief and (start == 0 or not os.path.exists(log)):
        open(log, "w").close()
    say = (lambda record: log_line(log, record)) if chief else (lambda record: None)
    say({"event": "start", "startedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "neurite": NEURITE, "strategy": args.strategy, "workers": workers, "replicas": replicas, "globalBatchSize": global_batch, "epochs": args.epochs, "resumedFromEpoch": start, "rows": data.sizes, "tensorflow": tf.__version__, "keras": keras.__version__})
    callbacks = keras.callbacks.CallbackList(make_callbacks(), add_history=False, add_progbar=False, model=model)
    model.stop_training = False
    callbacks.on_train_begin()
    began = time.time()
    status = "completed"
    for epoch in range(start, args.epochs):
        callbacks.on_epoch_begin(epoch)
        logs = run_epoch("train", train_step, epoch, shuffle=SETTINGS["shuffle"])
        if data.sizes["validation"]:
            logs.update({f"val_{k}": v for k, v in run_epoch("validation", eval_step, epoch).items()})
        if not all(math.isfinite(v) for v in logs.values()):
            status = "diverged"
        say({"event": "epoch", "epoch": epoch, "logs": logs, "elapsedMs": int((time.time() - began) * 1000)})
        epoch_done.assign(epoch + 1)
        manager.save(checkpoint_number=epoch + 1)
        callbacks.on_epoch_end(epoch, logs)
        if status == "diverged":
            break
        if model.stop_training:
            status = "stopped"
            break
    callbacks.on_train_end()
    if data.sizes["test"]:
        say({"event": "test", "logs": {f"test_{k}": v for k, v in run_epoch("test", eval_step, 0).items()}})
    if not chief:
        tf.io.gfile.rmtree(folder)
    digest = weights_digest(model)
    if chief:
        write_tfjs(model, args.out, args.epochs, global_batch)
        if args.predict_rows:
            predict_rows(model, data, args.predict_rows, os.path.join(args.out, "predictions.json"))
    stopper = next((c for c in callbacks.callbacks if isinstance(c, keras.callbacks.EarlyStopping)), None)
    early = None
    if stopper is not None:
        # Keras' own record (epochs from 0); stopped_epoch 0 means it did not stop the run.
        early = {"monitor": stopper.monitor, "stoppedEpoch": int(stopper.stopped_epoch) if status == "stopped" else None, "bestEpoch": None if stopper.best_epoch is None else int(stopper.best_epoch), "best": None if stopper.best is None or not math.isfinite(float(stopper.best)) else float(stopper.best), "restoredBestWeights": bool(stopper.restore_best_weights and status == "stopped" and stopper.best_weights is not None)}
    files = ["model.json", "weights.bin"] + (["preprocessing.json"] if PREPROCESSING_FILE is not None else [])
    say({"event": "done", "status": status, "epochs": int(epoch_done.numpy()), "elapsedMs": int((time.time() - began) * 1000), "earlyStopping": early, "weightsSha256": digest, "files": files})
    if not chief:
        print(json.dumps({"event": "done", "task": [kind, index], "weightsSha256": digest}), flush=True)


def predict_rows(model, data, limit, path):
    """The first rows of the data (file order) through the pipeline and the trained model: raw values, features, outputs."""
    x, outputs = [], []
    for features, _ in data.dataset("all", 256, limit=limit):
        batch = features.numpy()
        x.extend(batch.tolist())
        outputs.extend(np.asarray(model([batch.reshape((-1,) + tuple(model.inputs[0].shape[1:]))], training=False)).tolist())
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"raw": data.raw_rows(limit), "features": x, "outputs": outputs}, f)


def features_main(args):
    """--features N: the first N rows through the input pipeline, without training (to compare with Neurite's)."""
    data = Data(args.data)
    x, y = [], []
    for features, labels in data.dataset("all", 256, limit=args.features):
        x.extend(features.numpy().tolist())
        y.extend(labels.numpy().tolist())
    # memoryMapped: the images are read from a memory map (np.memmap), not loaded.
    print(json.dumps({"event": "features", "rows": data.rows, "split": data.sizes, "memoryMapped": isinstance(getattr(data, "pixels", None), np.memmap), "x": x, "y": y}))


def main():
    parser = argparse.ArgumentParser(description="Train the Neurite project's model with a tf.distribute strategy (see README.md).")
    parser.add_argument("--strategy", choices=["default", "mirrored", "multi-worker"], default="default", help="default: one device; mirrored: every GPU of this machine; multi-worker: a cluster described by TF_CONFIG")
    parser.add_argument("--epochs", type=int, default=SETTINGS["epochs"], help="epochs in all (a resumed run continues up to it; default: the project's)")
    parser.add_argument("--batch-size", type=int, default=SETTINGS["batchSize"], help="the global batch size, split among the replicas (default: the project's)")
    data_help = {"csv": "the CSV file (default: the copy beside this script)", "images": "the folder holding the images' two .npy files (default: this script's)"}
    parser.add_argument("--data", default=CSV["file"] if DATA_KIND == "csv" else os.path.dirname(os.path.abspath(__file__)), help=data_help.get(DATA_KIND, argparse.SUPPRESS))
    parser.add_argument("--out", default="result", help="where the chief writes model.json, weights.bin and training-log.jsonl (default: result)")
    parser.add_argument("--checkpoint-dir", default="checkpoints", help="checkpoints (tf.train.CheckpointManager); a rerun resumes from the latest (default: checkpoints)")
    parser.add_argument("--fresh", action="store_true", help="start from new weights even when a checkpoint exists")
    parser.add_argument("--predict-rows", type=int, default=0, help="also write predictions.json: the first N rows' raw values, features and the model's outputs")
    parser.add_argument("--features", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for name in ("epochs", "batch_size"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    try:
        if args.features:
            return features_main(args)
        train(args)
    except tf.errors.InvalidArgumentError as error:
        # An input check (tf_assert) says: assertion failed: [Column 'x': ...] [rows] [[3 7]] [values] [["a" "b"]].
        found = re.search(r"assertion failed: \[(.*?)\] \[rows\] \[(.*?)\] \[values\] \[(.*?)\]", error.message, re.S)
        if found:
            message, rows, values = (found.group(k).replace("\\'", "'").strip("[]") for k in (1, 2, 3))
            raise SystemExit(f"{args.data}: {message}, got {values} (data row {rows}, counted from 1 after the header and blank lines). Fix the file, or import it in Neurite and export the package again.")
        # Otherwise TensorFlow's message: "Graph execution error:", where, then the reason.
        lines = [line.strip() for line in error.message.splitlines() if line.strip() and not line.strip().startswith(("Graph execution error", "Detected at node", "[[", "File "))]
        raise SystemExit(f"{args.data if DATA_KIND == 'csv' else 'The data'}: {lines[-1] if lines else error.message}")


if __name__ == "__main__":
    main()`;

/** README.md of the package: what it holds, the three strategies with their commands, checkpoints, the way back into Neurite. */
function readmeText(project: Project, csvFile: string | undefined, imageStem: string, metricNames: string[]): string {
  const t = project.training;
  return `# ${project.name} — training package

Made by Neurite's **Export → Train at scale…** (or \`neurite export PROJECT.neurite --format keras-distributed --out DIR\`).
\`train.py\` builds the project's model with Keras 3 (the same code as the Keras script export), reads
${dataDescription(project, csvFile, imageStem)}
It trains with ${t.optimizer.type} (learning rate ${t.optimizer.learningRate}), the ${getLoss(t.loss).label} loss${metricNames.length ? ` and ${metricNames.join(', ')}` : ''}, for ${t.epochs} epochs in batches of ${t.batchSize}${t.earlyStopping ? `, with early stopping on ${t.earlyStopping.monitor}` : ''}, holding out the same validation and test rows as Neurite.

## Requirements

Python 3.9+ with TensorFlow 2.16 or newer and Keras 3: \`pip install tensorflow numpy\` (on a GPU machine \`pip install "tensorflow[and-cuda]"\`).

## Run

| where | command |
|---|---|
| this machine | \`python train.py\` |
| one machine, several GPUs | \`python train.py --strategy mirrored\` |
| a cluster | on each worker: \`TF_CONFIG='…' python train.py --strategy multi-worker\` |

\`TF_CONFIG\` is TensorFlow's standard description of the cluster and of this process's place in it, the same
list on every worker and its own index:

\`\`\`sh
# worker 0 (the chief: it writes the result)
TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 0}}' python train.py --strategy multi-worker
# worker 1
TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 1}}' python train.py --strategy multi-worker
\`\`\`

Options: \`--epochs N\`, \`--batch-size N\` (global: split among the replicas), \`--out DIR\` (default \`result\`),
\`--checkpoint-dir DIR\` (default \`checkpoints\`), \`--fresh\`, \`--predict-rows N\`${csvFile ? ', `--data PATH` (another CSV with the same columns)' : project.dataset.kind === 'images' ? ', `--data FOLDER` (a folder holding the two .npy files)' : ''}.
Every worker needs the package and the data at the same paths; the checkpoint folder must be shared
(the chief writes it, every worker reads it when resuming).

## Checkpoints and resuming

After every epoch the model and the optimizer are saved (\`tf.train.CheckpointManager\`, the last 3 kept). Run the same
command again and training resumes after the last saved epoch, up to \`--epochs\`; \`--fresh\` starts over.

## What it writes (the chief, into \`--out\`)

- \`training-log.jsonl\`: one JSON object per line: \`start\` (settings, TensorFlow version), one \`epoch\` per epoch
  (\`{"event": "epoch", "epoch": 0, "logs": {"loss": …${metricNames.map((m) => `, "${m}": …`).join('')}, "val_loss": …}, "elapsedMs": …}\`),
  \`test\` when the project holds out test rows, and \`done\` (\`completed\`, \`stopped\` by early stopping, or \`diverged\`).
- \`model.json\` + \`weights.bin\`: the trained model in the TensorFlow.js layers format.

## Back into Neurite

\`\`\`sh
neurite import-run PROJECT.neurite result --save PROJECT.neurite   # the run joins the project's history, with its weights
neurite predict PROJECT.neurite --input …                         # predicts with them
neurite import result/model.json --out trained.neurite             # or: the model alone, as a new project
\`\`\`

## Why a custom training loop

\`model.fit\` under \`MultiWorkerMirroredStrategy\` fails with Keras 3.15 and TensorFlow 2.21 ("Attempt to convert a value
(PerReplica:{…}) to a Tensor"). The script trains with \`strategy.run\`, \`tf.GradientTape\` and \`tf.nn.compute_average_loss\`
instead, which works with every strategy; the project's Keras callbacks are called as \`fit()\` calls them.
The loss and metrics of an epoch are means over all its rows (every worker's), as one machine's \`fit()\` reports them.
${project.dataset.kind === 'images' ? `Every worker makes the same global batches of row indices (the same shuffle everywhere, seeded by the project's
seed and the epoch; the order of the rows differs from Neurite's) and reads from the memory-mapped images only the
rows of its share.` : `Every worker reads the whole file and takes its share of each global batch (the same shuffle everywhere, seeded by
the project's seed and the epoch; the order of the rows differs from Neurite's).`} The last, partial batch of an epoch
is padded with rows that count for nothing in the loss, the gradients and the metrics; only BatchNormalization's
batch statistics of that one step see them.
`;
}
