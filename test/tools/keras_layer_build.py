"""Builds each layer expression of the exported Python in real Keras 3, for test/integration/keras-layers.test.ts.

stdin: JSON list of {"id", "inputs": [feature shapes], "expr": a Python expression as the exported script writes it}.
stdout (last line): JSON {"keras": version, "built": {id: {"shape": [...], "trainable": n, "non_trainable": n, "weights": [names]}
or {"error": message}}}. Expressions are evaluated with the exported script's names in scope
(keras, layers, regularizers) and nothing else.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
from keras import layers, regularizers  # noqa: E402

built = {}
for case in json.load(sys.stdin):
    try:
        layer = eval(case["expr"], {"__builtins__": {}}, {"keras": keras, "layers": layers, "regularizers": regularizers})  # noqa: S307 — the test's own generated code
        inputs = [keras.Input(shape=tuple(shape)) for shape in case["inputs"]]
        output = layer(inputs[0] if len(inputs) == 1 else inputs)
        count = lambda ws: int(sum(int(w.numpy().size) for w in ws))  # noqa: E731
        built[case["id"]] = {
            "shape": [None if d is None else int(d) for d in output.shape],
            "trainable": count(layer.trainable_weights),
            "non_trainable": count(layer.non_trainable_weights),
            "weights": [w.name.split("/")[-1] for w in layer.weights],
        }
    except Exception as error:  # the message is the result
        built[case["id"]] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps({"keras": keras.__version__, "built": built}))
