import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { ProjectSchema, type RunRecord } from '../../../../shared/project/schema';
import { differingFields } from '../../../../shared/runs/columns';
import { diffRunSetups } from '../../../../shared/runs/diff';
import { makeRunRecord } from '../../../../shared/runs/record';
import { runsProject, runSetup } from '../../../../../test/tools/runs-project';
import { alignCurves, historyCurve, runLineStyle } from '../chartData';
import { runChangeText } from './runChangeText';
import { allColumns, cellValue, columnLabel, defaultColumns, filterProblemText, formatCell, metricColumns, parseRunFilter, runPasses, sortRuns, varyingColumns, type RunColumn } from './runsTable';

const en = translator('en');
const zh = translator('zh-CN');
const project = runsProject(40);
const runs = project.runs!;
const ids = (cols: readonly RunColumn[]) => cols.map((c) => c.id);
const numbers = (rs: readonly RunRecord[]) => rs.map((r) => r.number);
const filtered = (text: string, rs: readonly RunRecord[] = runs) => {
  const columns = defaultColumns(rs);
  const filter = parseRunFilter(text, allColumns(rs), en, columns);
  const shown = (run: RunRecord) => columns.map((c) => formatCell(c, cellValue(run, c), en)).join(' ').toLowerCase();
  return { filter, runs: rs.filter((r) => runPasses(r, filter, shown)) };
};

describe('runs table columns (issue 15)', () => {
  it('the fixture is a valid project whose runs vary as runSetup says', () => {
    expect(ProjectSchema.safeParse(project).success).toBe(true);
    expect(runs).toHaveLength(40);
    expect(cellValue(runs[0], allColumns(runs).find((c) => c.id === 'param:hidden.units')!)).toBe(runSetup(0).units);
  });

  it('derives a column for every setting and layer param that differs between runs, and none for those that do not', () => {
    const varying = ids(varyingColumns(runs));
    expect(varying).toEqual(['setting:optimizer.type', 'setting:optimizer.learningRate', 'setting:batchSize', 'param:hidden.units']);
    // Every run trained the same epochs, loss and data: no column for them.
    expect(varying).not.toContain('setting:epochs');
    expect(varying).not.toContain('dataset:data');
    // Two runs alike: nothing varies.
    expect(varyingColumns([runs[0], { ...runs[0], id: 'run-99', number: 99 }])).toEqual([]);
  });

  it('has the same setting and param columns as `neurite runs` (differingFields), in the app’s order', () => {
    const setup = ids(varyingColumns(runs)).filter((id) => id.startsWith('setting:') || id.startsWith('param:'));
    expect([...setup].sort()).toEqual(differingFields(runs).map((f) => f.key).sort());
  });

  it('finds a layer param that changes, a layer that only some runs have, and the settings of a run changed back', () => {
    const base = runs[0];
    const withDropout = { ...base.graph, nodes: [...base.graph.nodes, { id: 'drop', type: 'Dropout', params: { rate: 0.2 }, position: { x: 0, y: 0 } }] };
    const rs: RunRecord[] = [];
    const add = (graph: RunRecord['graph'], lr: number) =>
      rs.push(makeRunRecord({ graph, training: { ...base.training, optimizer: { ...base.training.optimizer, learningRate: lr } }, dataset: base.dataset }, { ...base, origin: { kind: 'train' } }, rs));
    add(base.graph, 0.01);
    add(withDropout, 0.01);
    add({ ...withDropout, nodes: withDropout.nodes.map((n) => (n.id === 'drop' ? { ...n, params: { rate: 0.5 } } : n)) }, 0.01);
    add(base.graph, 0.1);
    add(base.graph, 0.01);
    const cols = varyingColumns(rs);
    expect(ids(cols)).toEqual(['setting:optimizer.learningRate', 'param:drop.rate', 'layer:drop']);
    const layer = cols.find((c) => c.id === 'layer:drop')!;
    expect(rs.map((r) => cellValue(r, layer))).toEqual([undefined, 'Dropout', 'Dropout', undefined, undefined]);
    expect(rs.map((r) => cellValue(r, cols[1]))).toEqual([undefined, 0.2, 0.5, undefined, undefined]);
    expect(columnLabel(cols[1], en)).toBe('dropout_drop rate');
  });

  it('shows the run fields, the varying setup, every final metric and test result, pinned, weights and note by default', () => {
    const cols = ids(defaultColumns(runs));
    expect(cols.slice(0, 6)).toEqual(['run:number', 'run:startedAt', 'run:duration', 'run:status', 'run:outcome', 'run:backend']);
    expect(cols).toContain('param:hidden.units');
    expect(ids(metricColumns(runs))).toEqual(['metric:loss', 'metric:val_loss', 'metric:accuracy', 'metric:val_accuracy', 'test:test_loss', 'test:test_accuracy']);
    expect(cols.slice(-3)).toEqual(['run:pinned', 'run:weights', 'run:note']);
    // Only one origin among these runs: no origin column.
    expect(cols).not.toContain('run:origin');
  });

  it('offers every setting and layer param in the column chooser, including ones that never change', () => {
    const all = ids(allColumns(runs));
    expect(all).toEqual(expect.arrayContaining(['setting:epochs', 'setting:validationSplit', 'setting:loss', 'param:output.units', 'param:hidden.activation', 'param:hidden.useBias']));
    expect(new Set(all).size).toBe(all.length);
  });

  it('formats cells as the rest of the app does: four decimals for logs, durations, status words in the UI language, absent as —', () => {
    const cols = allColumns(runs);
    const col = (id: string) => cols.find((c) => c.id === id)!;
    const run = runs[0];
    expect(formatCell(col('metric:loss'), run.finalLogs.loss, en)).toBe(run.finalLogs.loss.toFixed(4));
    expect(formatCell(col('run:duration'), 1.5, en)).toBe('1.5 s');
    expect(formatCell(col('run:status'), 'failed', en)).toBe('Failed');
    expect(formatCell(col('run:status'), 'failed', zh)).toBe('失败');
    expect(formatCell(col('test:test_loss'), undefined, en)).toBe('—');
    expect(formatCell(col('setting:optimizer.learningRate'), 0.001, en)).toBe('0.001');
    expect(columnLabel(col('setting:optimizer.learningRate'), zh)).toBe('学习率');
  });
});

describe('runs table filter', () => {
  it('compares numbers: final metrics, settings by alias, layer params by node or Keras layer name', () => {
    const good = filtered('val_loss<0.5');
    expect(good.filter.problems).toEqual([]);
    expect(good.runs.length).toBeGreaterThan(0);
    expect(good.runs.every((r) => r.finalLogs.val_loss < 0.5)).toBe(true);
    expect(numbers(good.runs)).toEqual(numbers(runs.filter((r) => r.finalLogs.val_loss < 0.5)));

    expect(numbers(filtered('lr>=0.01').runs)).toEqual(numbers(runs.filter((r) => r.training.optimizer.learningRate >= 0.01)));
    expect(numbers(filtered('hidden.units=64').runs)).toEqual(numbers(runs.filter((r) => runSetup(r.number - 1).units === 64)));
    expect(numbers(filtered('dense_hidden.units = 64').runs)).toEqual(numbers(filtered('hidden.units=64').runs));
    // Terms add up: both must hold. `units` alone is the hidden layer's, the only units column shown.
    expect(numbers(filtered('units=128, batch=16').runs)).toEqual(numbers(runs.filter((r) => runSetup(r.number - 1).units === 128 && r.training.batchSize === 16)));
  });

  it('matches text columns with =, != and ~, yes/no columns with yes and no, and free words against the shown cells', () => {
    expect(numbers(filtered('optimizer=adam').runs)).toEqual(numbers(runs.filter((r) => r.training.optimizer.type === 'adam')));
    expect(numbers(filtered('status!=completed').runs)).toEqual(numbers(runs.filter((r) => r.status !== 'completed')));
    expect(numbers(filtered('weights=yes').runs)).toEqual(numbers(runs.filter((r) => r.weights !== undefined)));
    const noted = runs.map((r, i) => (i === 3 ? { ...r, note: 'Wide net, best so far' } : r));
    expect(numbers(filtered('note~"wide net"', noted).runs)).toEqual([4]);
    expect(numbers(filtered('wide', noted).runs)).toEqual([4]);
    expect(numbers(filtered('stopped', runs).runs)).toEqual(numbers(runs.filter((r) => r.status === 'stopped')));
  });

  it('names a bad term — unknown or ambiguous column, a word where a number belongs, an operator that does not fit — and applies the others', () => {
    const unknown = filtered('foo<1 val_loss<0.5');
    expect(unknown.filter.problems.map((p) => p.code)).toEqual(['unknown-column']);
    expect(numbers(unknown.runs)).toEqual(numbers(filtered('val_loss<0.5').runs));
    expect(filterProblemText(unknown.filter.problems[0], en)).toMatch(/^Filter “foo<1”: no column is called “foo” \(this term is ignored\)\. Use a column’s header or key, e\.g\. number, /);

    // Names close to the unknown one are offered first.
    expect(parseRunFilter('unit=64', allColumns(runs), en, defaultColumns(runs)).problems[0].columns?.[0]).toBe('hidden.units');

    const ambiguous = parseRunFilter('units=64', allColumns(runs), en);
    expect(ambiguous.problems).toEqual([expect.objectContaining({ code: 'ambiguous-column', columns: ['hidden.units', 'output.units'] })]);
    expect(filterProblemText(ambiguous.problems[0], zh)).toBe('筛选“units=64”：有多个列名为“units”（此条件被忽略）。请改用：hidden.units, output.units。');

    const nan = parseRunFilter('val_loss<low', allColumns(runs), en);
    expect(filterProblemText(nan.problems[0], en)).toBe('Filter “val_loss<low”: val_loss is a number; expected a number after <, got “low” (this term is ignored).');
    expect(parseRunFilter('optimizer>adam', allColumns(runs), en).problems[0].code).toBe('op-for-numbers');
    // `loss` is the final loss (on screen), not the loss function setting (hidden: it never changed).
    expect(parseRunFilter('loss~0.5', allColumns(runs), en, defaultColumns(runs)).problems[0].code).toBe('op-for-text');
    expect(parseRunFilter('pinned=maybe', allColumns(runs), en).problems[0].code).toBe('not-yes-no');
  });
});

describe('runs table sort', () => {
  const col = (id: string) => allColumns(runs).find((c) => c.id === id)!;

  it('sorts numbers both ways, stable, with runs lacking the value last either way', () => {
    const up = sortRuns(runs, col('metric:val_loss'), 'asc');
    const down = sortRuns(runs, col('metric:val_loss'), 'desc');
    const values = (rs: RunRecord[]) => rs.map((r) => r.finalLogs.val_loss).filter((v) => v !== undefined);
    expect(values(up)).toEqual([...values(up)].sort((a, b) => a - b));
    expect(values(down)).toEqual([...values(down)].sort((a, b) => b - a));
    // The failed run logged nothing: last both ways.
    const failed = runs.filter((r) => r.status === 'failed').map((r) => r.number);
    expect(failed.length).toBeGreaterThan(0);
    expect(numbers(up.slice(-failed.length))).toEqual(failed);
    expect(numbers(down.slice(-failed.length))).toEqual(failed);
    // Ties keep the run order.
    const byBatch = sortRuns(runs, col('setting:batchSize'), 'asc');
    expect(numbers(byBatch.filter((r) => r.training.batchSize === 16))).toEqual(numbers(runs.filter((r) => r.training.batchSize === 16)));
    expect(sortRuns(runs, null, 'asc')).toEqual(runs);
  });

  it('sorts text in natural order', () => {
    expect(numbers(sortRuns(runs, col('run:number'), 'desc')).slice(0, 3)).toEqual([40, 39, 38]);
    const byOptimizer = sortRuns(runs, col('setting:optimizer.type'), 'asc');
    expect(byOptimizer[0].training.optimizer.type).toBe('adam');
    expect(byOptimizer[byOptimizer.length - 1].training.optimizer.type).toBe('rmsprop');
  });
});

describe('overlay data and legend', () => {
  it('takes a run’s curve against epochs or seconds, and aligns several on one x column', () => {
    const a = historyCurve(runs[0].history, 'val_loss', 'epoch')!;
    expect(a.x).toEqual(runs[0].history.map((e) => e.epoch + 1));
    expect(a.y).toEqual(runs[0].history.map((e) => e.logs.val_loss));
    const s = historyCurve(runs[0].history, 'loss', 'seconds')!;
    expect(s.x).toEqual(runs[0].history.map((e) => e.elapsedMs! / 1000));
    expect(historyCurve(runs[0].history, 'mae', 'epoch')).toBeNull();
    expect(historyCurve([{ epoch: 0, logs: { loss: 1 } }], 'loss', 'seconds')).toBeNull();

    const [x, first, second] = alignCurves([
      { x: [1, 2, 3], y: [3, 2, 1] },
      { x: [2, 4], y: [5, null] },
    ]);
    expect(x).toEqual([1, 2, 3, 4]);
    expect(first).toEqual([3, 2, 1, null]);
    expect(second).toEqual([null, 5, null, null]);
  });

  it('gives each of 20 overlaid runs a line of its own (colours repeat dashed)', () => {
    const styles = Array.from({ length: 20 }, (_, i) => JSON.stringify(runLineStyle(i)));
    expect(new Set(styles).size).toBe(20);
    expect(runLineStyle(10).color).toBe(runLineStyle(0).color);
    expect(runLineStyle(0).dash).toBeUndefined();
  });

  it('words the difference between two runs in English and Chinese', () => {
    const changes = diffRunSetups(runs[0], runs[1]);
    expect(changes.map((c) => runChangeText(c, en))).toEqual(['Dense dense_hidden: units 32 → 64']);
    expect(changes.map((c) => runChangeText(c, zh))).toEqual(['Dense dense_hidden：units 32 → 64']);
    expect(diffRunSetups(runs[0], runs[3]).map((c) => runChangeText(c, en))).toEqual(['Learning rate 0.01 → 0.001']);
  });
});

describe('trial 9 wording', () => {
  it("names callback settings in words, and writes start times in the UI language's format", async () => {
    const { settingLabel, formatCell, runColumn } = await import('./runsTable');
    const { useI18n } = await import('../../i18n');
    const en = translator('en');
    expect(settingLabel('keepBest.monitor', en)).toBe("Keep the best epoch's weights monitor");
    expect(settingLabel('lrSchedule.warmupSteps', en)).toBe('Learning-rate schedule warmupSteps');
    const started = '2026-11-30T01:02:03.000Z';
    useI18n.setState({ language: 'zh-CN' });
    const zh = formatCell(runColumn('startedAt'), started, translator('zh-CN'));
    useI18n.setState({ language: 'en' });
    const english = formatCell(runColumn('startedAt'), started, en);
    expect(zh).toBe(new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(started)));
    expect(zh).not.toBe(english);
  });
});
