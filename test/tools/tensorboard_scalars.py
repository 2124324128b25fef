"""Prints, as JSON, what TensorBoard itself reads under a log directory: every scalar
{"scalars": {run: {tag: [[step, value], ...]}}} and the HParams plugin's sessions
{"hparams": {run: {"hparams": {name: value}, "status": "STATUS_..."}}}, read with TensorBoard's
EventMultiplexer (the loader behind `tensorboard --logdir`) and the plugin's own protobuf classes.
Usage: python tensorboard_scalars.py LOGDIR"""
import json
import sys

from google.protobuf import json_format
from tensorboard.backend.event_processing import event_multiplexer
from tensorboard.plugins.hparams import api_pb2, metadata, plugin_data_pb2

multiplexer = event_multiplexer.EventMultiplexer()
multiplexer.AddRunsFromDirectory(sys.argv[1])
multiplexer.Reload()
scalars = {}
for run, tags in multiplexer.Runs().items():
    if tags["scalars"]:
        scalars[run] = {tag: [[e.step, e.value] for e in multiplexer.Scalars(run, tag)] for tag in tags["scalars"]}
hparams = {}
for run, tag_to_content in multiplexer.PluginRunToTagToContent(metadata.PLUGIN_NAME).items():
    session = hparams.setdefault(run, {})
    for tag, content in tag_to_content.items():
        data = plugin_data_pb2.HParamsPluginData.FromString(content)
        if tag == metadata.SESSION_START_INFO_TAG:
            session["hparams"] = {k: json_format.MessageToDict(v) for k, v in data.session_start_info.hparams.items()}
        elif tag == metadata.SESSION_END_INFO_TAG:
            session["status"] = api_pb2.Status.Name(data.session_end_info.status)
print(json.dumps({"scalars": scalars, "hparams": hparams}))
