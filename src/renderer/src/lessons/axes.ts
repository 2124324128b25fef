/**
 * The tensors-and-axes card's live example: sums of a rows × columns matrix (row-major, as
 * `Dataset.x`) along each axis, as `tf.sum(x, axis)` / `np.sum(x, axis=…)` give them.
 * axis 0 runs over the rows, so summing over it leaves one number per column ([columns]);
 * axis 1 runs over the columns, leaving one number per row ([rows]).
 * Sums are accumulated in float64 from the float32 values.
 */
export function axisSums(x: ArrayLike<number>, rows: number, columns: number): { axis0: number[]; axis1: number[] } {
  if (x.length !== rows * columns) throw new Error(`axisSums: expected ${rows} × ${columns} = ${rows * columns} values, got ${x.length}.`);
  const axis0 = new Array<number>(columns).fill(0);
  const axis1 = new Array<number>(rows).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = x[r * columns + c];
      axis0[c] += v;
      axis1[r] += v;
    }
  }
  return { axis0, axis1 };
}
