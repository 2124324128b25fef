"""Runs exported ONNX models in ONNX Runtime for test/integration/onnx-export.test.ts.

stdin: JSON list of {"id", "path", "input": name (or null: the first input), "rows": nested list}. stdout (last line): JSON
{"onnxruntime": version, "onnx": version or null, "results": {id: {"outputs": [[...]], "checker": null or error}}},
outputs flattened per row. onnx.checker.check_model runs (full_check, with shape inference) when onnx is installed.
"""
import json
import sys

import numpy as np
import onnxruntime as ort

try:
    import onnx
except ImportError:
    onnx = None

cases = json.load(sys.stdin)
results = {}
for case in cases:
    checker = None
    if onnx is not None:
        try:
            onnx.checker.check_model(onnx.load(case["path"]), full_check=True)
        except Exception as error:  # the checker's message is the result
            checker = str(error)
    session = ort.InferenceSession(case["path"], providers=["CPUExecutionProvider"])
    x = np.asarray(case["rows"], dtype=np.float32)
    (out,) = session.run(None, {case["input"] or session.get_inputs()[0].name: x})
    results[case["id"]] = {"outputs": out.reshape(out.shape[0], -1).astype(np.float64).tolist(), "checker": checker}
print(json.dumps({"onnxruntime": ort.__version__, "onnx": onnx.__version__ if onnx else None, "results": results}))
