"""Builds the Keras 3 fixtures of test/fixtures/keras3/ (issue 13).

Each fixture is a real Keras 3 model written in the TF.js layers format that tensorflowjs_converter
produces from a Keras 3 file (tfjs-converter/python/tensorflowjs/converters/keras_h5_conversion.py,
`h5_v3_merged_saved_model_to_tfjs_format` + `write_artifacts`):

  model.json = {format: 'layers-model', generatedBy: 'keras v<version>', convertedBy,
                modelTopology: {keras_version, backend, model_config: <model.to_json() without
                the keys module, registered_name, date_saved>},
                weightsManifest: [{paths: ['group1-shard1of1.bin'], weights: [{name, shape, dtype}]}]}

Keras 3's `to_json()` keeps `compile_config` (optimizer, loss, metrics) inside model_config; that
is where a Keras 3 model's training settings travel. Weights are in `model.weights` order, named by
their Keras 3 path (`<model>/<layer>/<variable>`, e.g. `sequential/dense/kernel`), little-endian
float32 concatenated in one shard. The `tensorflowjs` pip package is not on this machine's package
mirror, so the script wraps the topology itself, as the converter does.

The quantized fixture stores its weights as the converter's `--quantize_uint8/uint16/float16`
options do (tensorflowjs/quantization.py `quantize_weights`: affine uint8/uint16 with the range
nudged so that 0 is exact, manifest entry `quantization: {dtype, min, scale, original_dtype}`;
float16 as IEEE half, `quantization: {dtype: 'float16', original_dtype: 'float32'}`), and its
expected predictions are Keras' with the dequantized weights set back into the model.

Each fixture folder also gets expected.json: {inputs, outputs} — Keras' `model.predict` on fixed
inputs (x[i] = 2·sin(1.7·i), row-major). Run with a Python that has Keras 3 and TensorFlow:

  python3 -m venv /tmp/keras-venv && /tmp/keras-venv/bin/pip install keras tensorflow-cpu
  /tmp/keras-venv/bin/python test/tools/make_keras_fixtures.py [--out DIR]

--out writes elsewhere (test/integration/keras-fixtures.test.ts regenerates into a temporary
folder and checks the committed fixtures are what this script and Keras produce).
"""
import json
import os
import shutil
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "keras3")
SHARD = "group1-shard1of1.bin"


def strip_keys(value, keys=("module", "registered_name", "date_saved")):
    """keras_h5_conversion._discard_v3_keys."""
    if isinstance(value, dict):
        return {k: strip_keys(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [strip_keys(v, keys) for v in value]
    return value


def affine_range(min_val, max_val, dtype):
    """quantization._get_affine_quantization_range."""
    quant_max = np.iinfo(dtype).max
    scale = (max_val - min_val) / quant_max
    if min_val <= 0 <= max_val:
        nudged_zero_point = np.round((0 - min_val) / scale)
        nudged_min = -nudged_zero_point * scale
        nudged_max = quant_max * scale + nudged_min
    else:
        nudged_min, nudged_max = min_val, max_val
    return scale, nudged_min, nudged_max


def quantize(data, dtype):
    """quantization.quantize_weights: (quantized array, manifest metadata, dequantized float32)."""
    if dtype == "float16":
        q = data.astype(np.float16)
        return q, {"dtype": "float16", "original_dtype": "float32"}, q.astype(np.float32)
    np_dtype = np.uint8 if dtype == "uint8" else np.uint16
    min_val = data.min().astype(np.float64)
    max_val = data.max().astype(np.float64)
    if min_val == max_val:
        q = np.zeros_like(data, dtype=np_dtype)
        scale = 1.0
    else:
        scale, min_val, max_val = affine_range(min_val, max_val, np_dtype)
        q = np.round((data.clip(min_val, max_val) - min_val) / scale).astype(np_dtype)
    meta = {"dtype": dtype, "min": float(min_val), "scale": float(scale), "original_dtype": "float32"}
    return q, meta, (q * scale + min_val).astype(np.float32)


def fixed_inputs(shape, rows=5):
    size = rows * int(np.prod(shape))
    return (np.sin(np.arange(size) * 1.7) * 2).astype(np.float32).reshape((rows, *shape))


def randomize(model, seed):
    """Non-trivial weights everywhere (BatchNormalization's moving statistics included; variances positive)."""
    rng = np.random.default_rng(seed)
    for w in model.weights:
        shape = tuple(w.shape)
        value = rng.normal(0, 0.6, shape).astype(np.float32)
        if w.path.endswith("moving_variance") or w.path.endswith("gamma"):
            value = rng.uniform(0.5, 1.5, shape).astype(np.float32)
        w.assign(value)


def keras_file_weights(model):
    """The weights as `tensorflowjs_converter --input_format keras_keras` names them from a .keras
    file: the model.weights.h5 inside it walked as keras_h5_conversion's
    `_convert_v3_group_structure_to_weights` does (`layers/<layer>/vars/<i>`, h5 key order)."""
    import tempfile
    import zipfile

    import h5py

    path = os.path.join(tempfile.mkdtemp(), "model.keras")
    model.save(path)
    with zipfile.ZipFile(path) as z:
        h5_path = z.extract("model.weights.h5", os.path.dirname(path))
    out = []

    def walk(group, indent=""):
        for key in group.keys():
            if isinstance(group[key], h5py.Group):
                walk(group[key], indent + key + "/")
            elif isinstance(group[key], h5py.Dataset):
                for k in group.keys():
                    out.append((indent + k, np.array(group[k])))
                break

    with h5py.File(h5_path, "r") as f:
        walk(f)
    return out


def legacy_h5(model):
    """What `tensorflowjs.converters.save_keras_model(model, dir)` writes: the model saved as a
    legacy .h5, then keras_h5_conversion.h5_merged_saved_model_to_tfjs_format: topology
    {keras_version, backend, model_config, training_config} from the file's attributes, weights
    from model_weights/<layer> groups in h5 key order, named by their `weight_names` (minus ':0')."""
    import tempfile

    import h5py

    path = os.path.join(tempfile.mkdtemp(), "model.h5")
    model.save(path)
    text = lambda v: v.decode("utf8") if isinstance(v, bytes) else v  # noqa: E731
    with h5py.File(path, "r") as f:
        topology = {"keras_version": text(f.attrs["keras_version"]), "backend": text(f.attrs["backend"]), "model_config": json.loads(text(f.attrs["model_config"]))}
        if "training_config" in f.attrs:
            topology["training_config"] = json.loads(text(f.attrs["training_config"]))
        weights = []

        def convert(group):
            if "weight_names" in group.attrs:
                for n in [text(n) for n in group.attrs["weight_names"].tolist()]:
                    weights.append((n[:-2] if n.endswith(":0") else n, np.array(group[n])))
            else:
                for key in group.keys():
                    convert(group[key])

        for layer_name in f["model_weights"]:
            convert(f["model_weights"][layer_name])
    return topology, weights


def write(name, model, input_shape, quantization=None, keras_file=False, h5=False):
    """Writes test/fixtures/keras3/<name>/{model.json, group1-shard1of1.bin, expected.json}.
    keras_file: weights named and ordered as the converter's .keras path does (keras_file_weights)."""
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    topology = {"keras_version": keras.__version__, "backend": keras.backend.backend(), "model_config": strip_keys(json.loads(model.to_json()))}
    entries, chunks = [], []
    if h5:
        topology, named = legacy_h5(model)
    else:
        named = keras_file_weights(model) if keras_file else [(w.path, w) for w in model.weights]
    for path, w in named:
        value = np.asarray(w if (keras_file or h5) else w.numpy(), dtype=np.float32)
        entry = {"name": path, "shape": list(value.shape), "dtype": "float32"}
        dtype = (quantization or {}).get(path.split("/")[-1])
        if dtype:
            q, meta, dequantized = quantize(value, dtype)
            entry["quantization"] = meta
            chunks.append(q.astype(q.dtype.newbyteorder("<")).tobytes())
            w.assign(dequantized)  # Keras predicts with what the file holds
        else:
            chunks.append(value.astype("<f4").tobytes())
        entries.append(entry)
    model_json = {
        "format": "layers-model",
        "generatedBy": f"keras v{keras.__version__}",
        "convertedBy": "test/tools/make_keras_fixtures.py (tensorflowjs_converter's layers-model layout)",
        "modelTopology": topology,
        "weightsManifest": [{"paths": [SHARD], "weights": entries}],
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(model_json, f, indent=1)
    with open(os.path.join(folder, SHARD), "wb") as f:
        f.write(b"".join(chunks))
    x = fixed_inputs(input_shape)
    y = model.predict(x, verbose=0)
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"inputs": x.tolist(), "outputs": np.asarray(y, dtype=np.float64).tolist()}, f)
    print(name, [e["name"] for e in entries])


def sequential():
    model = keras.Sequential(
        [keras.Input((4,)), layers.Dense(8, activation="relu"), layers.Dropout(0.2), layers.Dense(3, activation="softmax")],
        name="sequential",
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.002), loss="categorical_crossentropy", metrics=["accuracy"])
    randomize(model, 1)
    return model


def functional_merge():
    inputs = keras.Input((4,), name="features")
    a = layers.Dense(5, activation="tanh", name="a")(inputs)
    b = layers.Dense(5, activation="relu", name="b")(inputs)
    added = layers.Add(name="add")([a, b])
    joined = layers.Concatenate(name="concat")([added, a])
    outputs = layers.Dense(2, name="out")(joined)
    model = keras.Model(inputs, outputs, name="merge")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mean_squared_error", metrics=["mae"])
    randomize(model, 2)
    return model


def every_layer():
    """Every layer class the registry has (src/shared/layers/index.ts): Input, Dense, Activation
    (and LeakyReLU, which imports as Activation), Dropout, BatchNormalization, Flatten, Reshape, Add,
    Concatenate."""
    inputs = keras.Input((2, 3), name="grid")
    flat = layers.Flatten(name="flatten")(inputs)
    d1 = layers.Dense(6, activation="elu", name="dense_a")(flat)
    bn = layers.BatchNormalization(name="bn")(d1)
    act = layers.Activation("tanh", name="act")(bn)
    leaky = layers.LeakyReLU(negative_slope=0.1, name="leaky")(d1)
    added = layers.Add(name="add")([act, leaky])
    reshaped = layers.Reshape((3, 2), name="reshape")(added)
    flat2 = layers.Flatten(name="flatten_2")(reshaped)
    dropped = layers.Dropout(0.3, name="drop")(flat2)
    joined = layers.Concatenate(name="concat")([dropped, flat])
    outputs = layers.Dense(3, activation="sigmoid", name="out")(joined)
    model = keras.Model(inputs, outputs, name="every_layer")
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.003, rho=0.8), loss="binary_crossentropy", metrics=["accuracy"])
    randomize(model, 3)
    return model


def constraint_frozen():
    model = keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(4, activation="relu", kernel_constraint=keras.constraints.MaxNorm(2.0), name="constrained"),
            layers.Dense(2, name="frozen"),
        ],
        name="constraint_frozen",
    )
    model.get_layer("frozen").trainable = False
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9), loss="mse")
    randomize(model, 4)
    return model


def quantized():
    """uint8 kernels, float16 biases, as `--quantize_uint8 '*/kernel' --quantize_float16 '*/bias'` would."""
    model = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation="relu"), layers.Dense(2)], name="quantized")
    model.compile(optimizer="adam", loss="mse")
    randomize(model, 5)
    return model


def quantized_uint16():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3)], name="quantized_uint16")
    randomize(model, 6)
    return model


def main():
    global OUT
    if "--out" in sys.argv:
        OUT = sys.argv[sys.argv.index("--out") + 1]
    keras.utils.set_random_seed(7)
    write("sequential", sequential(), (4,))
    write("functional-merge", functional_merge(), (4,))
    write("every-layer", every_layer(), (2, 3))
    write("every-layer-keras-file", every_layer(), (2, 3), keras_file=True)
    write("functional-merge-h5", functional_merge(), (4,), h5=True)
    write("constraint-frozen", constraint_frozen(), (3,))
    write("quantized", quantized(), (4,), quantization={"kernel": "uint8", "bias": "float16"})
    write("quantized-uint16", quantized_uint16(), (4,), quantization={"kernel": "uint16", "bias": "uint16"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
