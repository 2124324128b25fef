"""Compares Neurite's optimizer registry with real Keras 3.

Reads a JSON list on stdin, one entry per registry optimizer:
  {"id": "rmsprop", "kerasClass": "RMSprop", "defaults": {"learning_rate": 0.001, ...},
   "code": "keras.optimizers.RMSprop(learning_rate=0.001, ...)"}
and checks, for each, that `keras.optimizers.<kerasClass>()` (Keras' own defaults) reports the
same values in get_config(), and that the generated expression `code` builds an optimizer with
that same config. Prints one JSON object: {"keras": version, "mismatches": [...], "built": [...]}
(`built`: per entry, the class name and get_config() of the optimizer `code` builds, for the
import round trip); exits 0.
Entries may list "exceptions": argument names whose registry default deliberately differs.
"""
import json
import math
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)
    return a == b


def main():
    entries = json.load(sys.stdin)
    mismatches = []
    built_configs = []
    for entry in entries:
        cls = getattr(keras.optimizers, entry["kerasClass"])
        keras_config = cls().get_config()
        exceptions = set(entry.get("exceptions", []))
        for arg, ours in entry["defaults"].items():
            if arg in exceptions:
                continue
            if arg not in keras_config:
                mismatches.append({"id": entry["id"], "arg": arg, "problem": "not a Keras argument"})
            elif not same(keras_config[arg], ours):
                mismatches.append({"id": entry["id"], "arg": arg, "keras": keras_config[arg], "registry": ours})
        optimizer = eval(entry["code"], {"keras": keras})  # our own generated expression
        built = optimizer.get_config()
        built_configs.append({"id": entry["id"], "class_name": type(optimizer).__name__, "config": built})
        for arg, ours in entry["generated"].items():
            if not same(built.get(arg), ours):
                mismatches.append({"id": entry["id"], "arg": arg, "generated": built.get(arg), "registry": ours})
    print(json.dumps({"keras": keras.__version__, "mismatches": mismatches, "built": built_configs}))


if __name__ == "__main__":
    main()
