"""Prints, as JSON, every scalar TensorBoard itself reads under a log directory:
{run: {tag: [[step, value], ...]}}, read with TensorBoard's EventMultiplexer (the loader behind
`tensorboard --logdir`). Usage: python tensorboard_scalars.py LOGDIR"""
import json
import sys

from tensorboard.backend.event_processing import event_multiplexer

multiplexer = event_multiplexer.EventMultiplexer()
multiplexer.AddRunsFromDirectory(sys.argv[1])
multiplexer.Reload()
out = {}
for run, tags in multiplexer.Runs().items():
    out[run] = {tag: [[e.step, e.value] for e in multiplexer.Scalars(run, tag)] for tag in tags["scalars"]}
print(json.dumps(out))
