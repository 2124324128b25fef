# Issue 18 measurement: model.fit under MultiWorkerMirroredStrategy (Keras 3.15, TF 2.21) on two loopback workers.
# Run: P=$((20000 + RANDOM % 10000)); for i in 0 1; do python keras_mwms_fit_check.py $i $P,$((P+1)) & done; wait
# Measured 2026-11-30: both workers print FIT FAILED ValueError "Attempt to convert a value (PerReplica:{...}) to a Tensor".
import json, os, sys
idx = int(sys.argv[1]); ports = sys.argv[2].split(',')
os.environ['TF_CONFIG'] = json.dumps({'cluster': {'worker': [f'127.0.0.1:{p}' for p in ports]}, 'task': {'type': 'worker', 'index': idx}})
os.environ['TF_CPP_MIN_LOG_LEVEL'] = '2'
import numpy as np, tensorflow as tf, keras
strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    inp = keras.Input((4,)); out = keras.layers.Dense(1)(keras.layers.Dense(8, activation='relu')(inp))
    model = keras.Model(inp, out); model.compile('adam', 'mse')
x = np.random.rand(256, 4).astype('float32'); y = x.sum(1, keepdims=True)
ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
try:
    model.fit(ds, epochs=2, verbose=0)
    print('FIT OK', idx)
except Exception as e:
    print('FIT FAILED', idx, type(e).__name__, str(e)[:300])
