"""Builds a Sequential model in real Keras 3 from the exported Python's layer expressions and
reports what `model.summary()` prints, for test/integration/image-templates.test.ts.

stdin: JSON list of {"id", "input": [feature shape], "layers": [Python expressions as the exported
script writes them]}. stdout (last line): JSON {"keras": version, "models": {id: {"rows": [{"type",
"shape", "params"}], "total": n, "trainable": n, "summary": the printed text}} or {"error": message}}.
The rows start with the InputLayer, as Neurite's summary (a functional model) does; the shapes and
counts are the layers' own (`layer.output.shape`, `layer.count_params()`), which `model.summary()`
prints, and the printed text is returned too so a failure shows it.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
from keras import layers, regularizers  # noqa: E402

models = {}
for case in json.load(sys.stdin):
    try:
        scope = {"keras": keras, "layers": layers, "regularizers": regularizers}
        inputs = keras.Input(shape=tuple(case["input"]))
        x = inputs
        for expr in case["layers"]:
            x = eval(expr, {"__builtins__": {}}, scope)(x)  # noqa: S307 — the test's own generated code
        model = keras.Model(inputs, x)
        lines = []
        model.summary(print_fn=lambda line, *args, **kwargs: lines.append(line), line_length=120)
        rows = [{"type": type(layer).__name__, "shape": [None if d is None else int(d) for d in layer.output.shape], "params": int(layer.count_params())} for layer in model.layers]
        trainable = int(sum(int(w.numpy().size) for w in model.trainable_weights))
        models[case["id"]] = {"rows": rows, "total": int(model.count_params()), "trainable": trainable, "summary": "\n".join(lines)}
    except Exception as error:  # the message is the result
        models[case["id"]] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps({"keras": keras.__version__, "models": models}))
