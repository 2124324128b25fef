# Issue 18 measurement: the training package's step (all-reduced row count, tf.nn.compute_average_loss, Keras 3
# optimizer.apply_gradients in replica context) on 2 mirrored CPU replicas gives the weights of one-machine
# Keras train_on_batch. Run: python distributed_gradient_check.py -> "1 0.0" and "2 1.19e-07" (max |difference|).
import os
os.environ['TF_CPP_MIN_LOG_LEVEL']='3'
import numpy as np, tensorflow as tf, keras
cpus = tf.config.list_physical_devices('CPU')
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()]*2)
x = np.random.RandomState(0).rand(64, 3).astype('float32'); y = (x @ np.array([[1.],[2.],[3.]])).astype('float32')
def build():
    keras.utils.set_random_seed(1)
    i = keras.Input((3,)); m = keras.Model(i, keras.layers.Dense(1)(i)); m.compile(optimizer=keras.optimizers.SGD(0.1), loss='mse'); return m
ref = build(); ref.train_on_batch(x, y); w_ref = ref.get_weights()
for strategy in [tf.distribute.get_strategy(), tf.distribute.MirroredStrategy(['/cpu:0','/cpu:1'])]:
    with strategy.scope():
        m = build(); m.optimizer.build(m.trainable_variables)
    loss_fn = keras.losses.get('mean_squared_error')
    def step(xb, yb):
        ctx = tf.distribute.get_replica_context()
        n = ctx.all_reduce('SUM', tf.cast(tf.shape(yb)[0], tf.float32))
        with tf.GradientTape() as tape:
            p = m(xb, training=True); loss = tf.nn.compute_average_loss(loss_fn(yb, p), global_batch_size=tf.cast(n, tf.int64))
        g = tape.gradient(loss, m.trainable_variables); m.optimizer.apply_gradients(zip(g, m.trainable_variables))
        return loss
    ds = strategy.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices((x, y)).batch(64))
    for xb, yb in ds:
        strategy.run(tf.function(step), args=(xb, yb))
    print(strategy.num_replicas_in_sync, max(float(np.abs(a - b).max()) for a, b in zip(m.get_weights(), w_ref)))
