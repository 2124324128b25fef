import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText, previewCsv, type CsvPreview, type PreviewOptions } from '../../src/shared/data/csv';
import type { Project } from '../../src/shared/project/schema';
import { previewFile } from '../../src/main/data/import-job';
import { previewWorkbook } from '../../src/main/data/xlsx';
import { EXPECTED_DECISIONS, type ExpectedDecisions } from '../fixtures/csv/expected-decisions';

/**
 * The command line's data commands (issue 12): `neurite inspect`, `neurite train --csv --label`,
 * `--help` and option errors. Runs the built command line (`npx electron-vite build` first) as a
 * user would, on the CSV fixtures, and checks it against the shared import code itself.
 */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const TEMPLATES = path.resolve(__dirname, '../../resources/templates');
const CSV = path.resolve(__dirname, '../fixtures/csv');
const WORKBOOK = path.resolve(__dirname, '../fixtures/xlsx/two-sheets.xlsx');
/** A private import store, so the tests neither read nor fill the user's cache. */
const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'neurite-cli-data-'));

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEURITE_DATA_DIR: DATA_DIR } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const fixture = (name: string) => path.join(CSV, name);
const previewOf = (name: string, options: PreviewOptions = {}): CsvPreview => previewCsv(readFileSync(fixture(name), 'utf8'), options);

/** A project from a template with its Input and output resized, training for a few epochs. */
function projectFile(template: string, inputs: number, training: Partial<Project['training']> = {}, outputUnits?: number): string {
  const project = JSON.parse(readFileSync(path.join(TEMPLATES, template), 'utf8')) as Project;
  project.graph.nodes = project.graph.nodes.map((n) =>
    n.type === 'Input' ? { ...n, params: { ...n.params, shape: [inputs] } } : n.id === 'output' && outputUnits ? { ...n, params: { ...n.params, units: outputUnits } } : n,
  );
  project.training = { ...project.training, epochs: 5, ...training };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-cli-project-')), 'p.neurite');
  writeFileSync(file, JSON.stringify(project));
  return file;
}

describe('neurite inspect', () => {
  it.each(['iris-like.csv', 'semicolon.csv', 'tab.tsv', 'pipe.csv', 'no-header.csv', 'ragged.csv', 'house-prices.csv', 'wine-sorted.csv'])(
    '%s: --json says what the shared preview decides',
    (name) => {
      const result = neurite('inspect', fixture(name), '--json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      const preview = previewOf(name) as CsvPreview & { decisions?: unknown; text?: unknown; numberFormat?: unknown };
      expect(report.ok).toBe(true);
      expect(report.file).toEqual({ name, size: readFileSync(fixture(name)).length });
      expect(report.delimiter).toBe(preview.delimiter);
      expect(report.header).toBe(preview.header);
      expect(report.sampledRows).toBe(preview.sampledRows);
      expect(report.complete).toBe(true);
      expect(report.given).toEqual([]);
      expect(report.columns).toEqual(preview.columns.map(({ name: n, type, role, stats }) => ({ name: n, type, role, missing: stats.missing, stats })));
      expect(report.issues).toEqual(preview.issues);
      expect(report.labelAsClasses).toEqual(preview.labelAsClasses);
      expect(report.decisions).toEqual(preview.decisions);
      const label = preview.columns.find((c) => c.role === 'label');
      expect(report.labelGuess).toEqual(
        'labelGuess' in preview ? preview.labelGuess : label ? { column: label.name, reason: 'last-column', confirmed: false } : null,
      );
      expect(report.text).toEqual(preview.text ?? { encoding: 'utf-8', skipLines: 0 });
      expect(report.numberFormat).toEqual(preview.numberFormat ?? { decimal: '.', thousands: '' });
    },
  );

  it('prints the decisions as text: delimiter, header, one line per column with type, role and missing count, the label as a guess, problems', () => {
    const result = neurite('inspect', fixture('ragged.csv'));
    expect(result.code).toBe(0);
    const preview = previewOf('ragged.csv');
    expect(result.stdout).toMatch(/^Delimiter: ',' \(comma\) \(detected\)$/m);
    expect(result.stdout).toMatch(/^Header: yes, the first line names the columns \(detected\)$/m);
    expect(result.stdout).toMatch(/^Encoding: UTF-8 /m);
    expect(result.stdout).toMatch(/^Number format: decimal point '\.', no thousands separator /m);
    for (const [i, c] of preview.columns.entries()) {
      expect(result.stdout).toMatch(new RegExp(`^ +${i + 1} +${c.name} +${c.type} +${c.role} +${c.stats.missing} `, 'm'));
    }
    expect(result.stdout).toMatch(/^Label: label - a guess \(.+\), not confirmed: train with --label COLUMN to choose\.$/m);
    expect(result.stdout).toMatch(/^Problems:\n {2}- Line 17 has 3 fields; the header has 4/m);

    const semicolon = neurite('inspect', fixture('semicolon.csv'));
    expect(semicolon.stdout).toMatch(/^Delimiter: ';' \(semicolon\) \(detected\)$/m);
    const tab = neurite('inspect', fixture('tab.tsv'));
    expect(tab.stdout).toMatch(/^Delimiter: tab \(detected\)$/m);
  });

  it('applies overrides as the preview does, and says they were given', () => {
    const header = JSON.parse(neurite('inspect', fixture('house-prices.csv'), '--no-header', '--json').stdout);
    const expected = previewOf('house-prices.csv', { header: false });
    expect(header.header).toBe(false);
    expect(header.given).toEqual(['header']);
    expect(header.columns.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual(expected.columns.map((c) => [c.name, c.type]));

    const delimiter = neurite('inspect', fixture('semicolon.csv'), '--delimiter', 'comma');
    expect(delimiter.code).toBe(0);
    expect(delimiter.stdout).toMatch(/^Delimiter: ',' \(comma\) \(as given\)$/m);
    expect(delimiter.stdout).toMatch(/^Columns \(1\):$/m);
  });

  it('honours a number-format override or refuses it by name; never ignores it', () => {
    const result = neurite('inspect', fixture('semicolon.csv'), '--decimal', ',', '--json');
    const supported = 'numberFormat' in previewCsv('a;b\n1;2\n3;4\n');
    if (supported) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).numberFormat.decimal).toBe(',');
    } else {
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: 'unsupported-option', message: expect.stringMatching(/^--decimal , is not supported/) });
    }
  });

  it('exits 2 naming the file when it cannot be read or holds no rows', () => {
    const missing = neurite('inspect', fixture('nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^neurite: Cannot read .*nope\.csv: there is no such file\.$/m);
    const empty = neurite('inspect', fixture('empty.csv'), '--json');
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout)).toMatchObject({ ok: false, error: 'empty-file', line: 1, message: expect.stringMatching(/empty\.csv: The file is empty/) });
    // Told by its bytes: an .xls (OLE2) is named and re-saving explained; a .xlsx name on a text file is read as text.
    const xls = path.join(DATA_DIR, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const old = neurite('inspect', xls);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/Excel 97–2003 workbook \(\.xls\).*save it as "Excel Workbook \(\.xlsx\)"/);
  });
});

/**
 * Issue 12's fixtures, one per kind of file as people export it, with the decisions each must
 * produce (test/fixtures/csv/expected-decisions.json): `neurite inspect` gives exactly main's
 * preview of the file (bytes, so UTF-16 too) and the expected decisions, missing counts and
 * default encodings.
 */
const expectedDecisions = Object.entries(EXPECTED_DECISIONS).filter((e): e is [string, ExpectedDecisions] => !e[0].startsWith('$') && typeof e[1] === 'object');

describe('neurite inspect on every fixture of expected-decisions.json', () => {
  it('covers every kind the issue lists', () => {
    const kinds = new Set(expectedDecisions.flatMap(([, want]) => want.decisions.map((d) => d.kind)));
    for (const kind of ['thousands', 'decimal-comma', 'trailing-delimiter', 'sep-line', 'bom', 'utf16', 'id-column', 'label-by-name', 'label-all-unique']) expect(kinds).toContain(kind);
    expect(expectedDecisions.some(([, want]) => want.missing && Object.values(want.missing).some((n) => n > 0))).toBe(true);
    expect(expectedDecisions.some(([, want]) => want.encodings && Object.keys(want.encodings).length > 0)).toBe(true);
  });

  it.each(expectedDecisions)('%s', async (name, want) => {
    const result = neurite('inspect', fixture(name), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const preview = await previewFile(fixture(name));
    expect(report.decisions).toEqual(preview.decisions);
    expect(report.labelGuess).toEqual(preview.labelGuess);
    expect(report.columns.map((c: { name: string; type: string; role: string }) => [c.name, c.type, c.role])).toEqual(preview.columns.map((c) => [c.name, c.type, c.role]));
    expect(report).toMatchObject({ delimiter: want.delimiter, header: want.header, text: want.text, numberFormat: want.numberFormat, labelGuess: want.labelGuess ? { ...want.labelGuess, confirmed: false } : null });
    expect(Object.fromEntries(report.columns.map((c: { name: string; type: string; role: string }) => [c.name, [c.type, c.role]]))).toEqual(want.columns);
    const decisions = report.decisions.filter((d: { kind: string }) => d.kind !== 'delimiter' && d.kind !== 'header');
    expect(decisions.map((d: { kind: string; column?: string }) => [d.kind, d.column])).toEqual(want.decisions.map((d) => [d.kind, d.column]));
    if (want.missing) expect(Object.fromEntries(report.columns.map((c: { name: string; missing: number }) => [c.name, c.missing]))).toEqual(want.missing);
    const encodings = Object.fromEntries(report.columns.filter((c: { encoding?: string }) => c.encoding !== undefined).map((c: { name: string; encoding: string }) => [c.name, c.encoding]));
    if (want.encodings) expect(encodings).toEqual(want.encodings);
    // The label-all-unique warning is given once: as a decision, not again in the health report.
    if (want.decisions.some((d) => d.kind === 'label-all-unique')) expect(report.health.map((h: { kind: string }) => h.kind)).not.toContain('label-all-unique');
  });
});

describe('neurite inspect on an Excel workbook', () => {
  it('--sheet chooses the sheet; the report is the dialog\'s preview of it (previewWorkbook), with the sheets listed', async () => {
    const result = neurite('inspect', WORKBOOK, '--sheet', 'Iris', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const preview = await previewWorkbook(WORKBOOK, { maxRows: 1000 }, 'Iris');
    expect(report).toMatchObject({ ok: true, sheets: ['Kinds', 'Iris'], sheet: 'Iris', given: ['sheet'], header: preview.header, sampledRows: preview.sampledRows, decisions: preview.decisions, labelGuess: preview.labelGuess });
    expect(report.columns.map((c: { name: string; type: string; role: string }) => [c.name, c.type, c.role])).toEqual(preview.columns.map((c) => [c.name, c.type, c.role]));
    const first = JSON.parse(neurite('inspect', WORKBOOK, '--json').stdout);
    expect(first.sheet).toBe('Kinds');
    const text = neurite('inspect', WORKBOOK, '--sheet', 'Iris');
    expect(text.stdout).toMatch(/^Sheet: Iris \(as given; the workbook has "Kinds", "Iris": --sheet NAME chooses\)$/m);
    expect(text.stdout).not.toMatch(/^Delimiter:/m);
  });

  it('a sheet the workbook lacks, --sheet on a text file, and text options on a workbook are named, exit 2', () => {
    const none = neurite('inspect', WORKBOOK, '--sheet', 'Nope', '--json');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, error: 'no-sheet', message: expect.stringMatching(/no sheet named 'Nope'; it has 'Kinds', 'Iris'/) });
    const text = neurite('inspect', fixture('iris-like.csv'), '--sheet', 'Iris');
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/--sheet "Iris": .*iris-like\.csv is a text file, not an Excel workbook/);
    const decimal = neurite('inspect', WORKBOOK, '--decimal', ',');
    expect(decimal.code).toBe(2);
    expect(decimal.stderr).toMatch(/--decimal does not apply to an Excel workbook/);
  });
});

describe('neurite --help and option errors', () => {
  it('prints usage for the program and for each command, exit 0', () => {
    const top = neurite('--help');
    expect(top.code).toBe(0);
    for (const command of ['train', 'predict', 'summary', 'inspect']) expect(top.stdout).toMatch(new RegExp(`^ {2}${command} \\[options\\] <`, 'm'));
    expect(top.stdout).toMatch(/Exit codes: 0 ok, 2 usage/);
    const train = neurite('train', '--help');
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/^Usage: neurite train \[options\] <project>$/m);
    for (const flag of ['--csv <file>', '--label <column>', '--ignore <column>', '--categorical <column>', '--numeric <column>', '--no-normalize', '--delimiter <char>', '--no-header', '--encoding <name>', '--decimal <mark>', '--thousands <sep>', '--sheet <name>', '--missing <column=strategy>', '--missing-indicator <column>', '--index-encoding <column>', '--save <file>', '--epochs <n>', '--json']) {
      expect(train.stdout).toContain(flag);
    }
    const inspect = neurite('help', 'inspect');
    expect(inspect.code).toBe(0);
    for (const flag of ['--json', '--delimiter <char>', '--header', '--no-header', '--encoding <name>', '--decimal <mark>', '--thousands <sep>', '--sheet <name>']) expect(inspect.stdout).toContain(flag);
  });

  it('an unknown option or a bad value is named, with a pointer to --help, exit 2', () => {
    const unknown = neurite('train', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--epoch', '3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^neurite: unknown option '--epoch'/m);
    expect(unknown.stderr).toMatch(/\(Did you mean --epochs\?\)/);
    expect(unknown.stderr).toMatch(/neurite COMMAND --help lists its options/);
    const bad = neurite('inspect', fixture('iris-like.csv'), '--delimiter', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^neurite: option '--delimiter <char>' argument 'x' is invalid\. Expected one of , ; \| or tab/m);
    const none = neurite();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: neurite/m);
  });

  it('--csv needs --label, and the import options need --csv', () => {
    const project = path.join(TEMPLATES, 'keras-tutorial-regression.neurite');
    const noLabel = neurite('train', project, '--csv', fixture('house-prices.csv'));
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toMatch(/--csv needs --label COLUMN/);
    const noCsv = neurite('train', project, '--label', 'price_k');
    expect(noCsv.code).toBe(2);
    expect(noCsv.stderr).toMatch(/--label only applies with --csv/);
  });
});

describe('neurite train --csv --label', () => {
  it('house-prices.csv: imports as the dialog would (same columns, same transform), trains, saves a project predict uses', () => {
    const project = projectFile('keras-tutorial-regression.neurite', 4, { optimizer: { type: 'adam', learningRate: 0.05 }, epochs: 8 });
    const out = path.join(path.dirname(project), 'trained.neurite');
    const text = neurite('train', project, '--csv', fixture('house-prices.csv'), '--label', 'price_k', '--save', out);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe("Data: house-prices.csv - 240 rows, delimiter ',' (comma), header line; label price_k (regression); 4 features, normalised");
    expect(lines[1]).toMatch(/^Backend: /);
    expect(lines[2]).toMatch(/^Epoch 1\/8 - /);
    expect(text.stdout).toMatch(/^Outcome: /m);
    expect(text.stdout).toMatch(/^Saved .*trained\.neurite \(the project with the imported data and the trained weights\)\.$/m);

    // The saved dataset is what the shared import code makes of the file with the preview's decisions.
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Project;
    const csvText = readFileSync(fixture('house-prices.csv'), 'utf8');
    const preview = previewCsv(csvText);
    const config = { delimiter: preview.delimiter, header: preview.header, columns: preview.columns.map(({ name, type, role }) => ({ name, type, role })) };
    expect(saved.dataset).toMatchObject({ kind: 'csv', ...config, normalize: true, labelEncoding: 'value', rows: 240, embedded: csvText });
    expect(saved.dataset.kind === 'csv' && saved.dataset.transform).toEqual(parseCsvText(csvText, config).transform);
    expect(saved.trained?.history).toHaveLength(8);

    const predicted = neurite('predict', out, '--input', '150,2010,5,10', '--json');
    expect(predicted.code).toBe(0);
    const answer = JSON.parse(predicted.stdout);
    expect(answer.weights).toBe('saved');
    expect(answer.outputs[0]).toHaveLength(1);
  });

  it('iris-like.csv: a categorical label becomes classes, --json has the data and the run', () => {
    const project = projectFile('playground-circles.neurite', 4, { epochs: 10 }, 3);
    const result = neurite('train', project, '--csv', fixture('iris-like.csv'), '--label', 'species', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.ok).toBe(true);
    expect(out.data).toMatchObject({ rows: 150, task: 'classification', numFeatures: 4, classNames: ['setosa', 'versicolor', 'virginica'], classCounts: [50, 50, 50], embedded: true });
    expect(out.history).toHaveLength(10);
    expect(Object.keys(out.finalLogs)).toContain('val_acc');
  });

  it('overrides: --ignore drops a column, --no-normalize keeps raw values, another --label turns the guessed label into a feature', () => {
    // Adam at a small rate: raw (un-normalised) prices in the hundreds make SGD's default steps diverge.
    const project = projectFile('keras-tutorial-regression.neurite', 3, { optimizer: { type: 'adam', learningRate: 0.001 } });
    const out = JSON.parse(neurite('train', project, '--csv', fixture('house-prices.csv'), '--label', 'rooms', '--ignore', 'year_built', '--no-normalize', '--json').stdout);
    expect(out.ok).toBe(true);
    expect(out.data.columns).toEqual([
      { name: 'area_m2', type: 'numeric', role: 'feature' },
      { name: 'year_built', type: 'numeric', role: 'ignored' },
      { name: 'rooms', type: 'numeric', role: 'label' },
      { name: 'distance_km', type: 'numeric', role: 'feature' },
      { name: 'price_k', type: 'numeric', role: 'feature' },
    ]);
    expect(out.data.normalize).toBe(false);
    expect(out.data.featureNames).toEqual(['area_m2', 'distance_km', 'price_k']);
  });

  it('missing-values.csv: --missing per column, --missing-indicator, --index-encoding; the fills are the shared import\'s, and predict fills a blank', () => {
    const project = projectFile('playground-circles.neurite', 4, { epochs: 3 }, 2);
    const out = path.join(path.dirname(project), 'filled.neurite');
    const args = ['--missing', 'age=median', '--missing', 'income=mean', '--missing', 'city=most-frequent', '--missing', 'churned=drop', '--missing-indicator', 'age', '--index-encoding', 'city'];
    const result = neurite('train', project, '--csv', fixture('missing-values.csv'), '--label', 'churned', ...args, '--save', out, '--json');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout).data;
    expect(data.columns).toEqual([
      { name: 'id', type: 'numeric', role: 'ignored' },
      { name: 'age', type: 'numeric', role: 'feature', missing: 'median', missingIndicator: true },
      { name: 'income', type: 'numeric', role: 'feature', missing: 'mean' },
      { name: 'city', type: 'categorical', role: 'feature', encoding: 'index', missing: 'most-frequent' },
      { name: 'churned', type: 'categorical', role: 'label', missing: 'drop' },
    ]);
    // 40 rows, one with its label missing: dropped and said.
    expect(data).toMatchObject({ rows: 39, droppedRows: 1, numFeatures: 4 });
    expect(data.featureNames).toEqual(['age', 'age (missing)', 'income', 'city']);
    const text = readFileSync(fixture('missing-values.csv'), 'utf8');
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Project;
    if (saved.dataset.kind !== 'csv') throw new Error('expected a CSV dataset');
    expect(saved.dataset.transform).toEqual(parseCsvText(text, { delimiter: ',', header: true, columns: data.columns }).transform);
    expect(data.fills).toEqual(saved.dataset.transform.fills);
    expect(Object.keys(data.fills).sort()).toEqual(['age', 'city', 'income']);

    const textRun = neurite('train', project, '--csv', fixture('missing-values.csv'), '--label', 'churned', ...args);
    expect(textRun.stdout).toMatch(/^ {2}Dropped 1 row with a missing value/m);
    // A row with its age left blank: the stored median fills it.
    const predicted = neurite('predict', out, '--input', ',50.5,Lyon', '--json');
    expect(predicted.code).toBe(0);
    expect(JSON.parse(predicted.stdout).outputs[0]).toHaveLength(2);
  });

  it('a strategy a column cannot take, or a bad --missing value, is named, exit 2', () => {
    const project = projectFile('playground-circles.neurite', 4, { epochs: 1 }, 2);
    const run = (...args: string[]) => neurite('train', project, '--csv', fixture('missing-values.csv'), '--label', 'churned', ...args, '--json');
    expect(JSON.parse(run('--missing', 'city=mean').stdout)).toMatchObject({ ok: false, error: 'missing-strategy', column: 'city', message: expect.stringMatching(/a categorical column has no mean or median\. It can take error, drop, most-frequent/) });
    expect(JSON.parse(run('--missing', 'churned=median').stdout)).toMatchObject({ ok: false, error: 'missing-strategy', message: expect.stringMatching(/a label cannot be filled in/) });
    expect(JSON.parse(run('--index-encoding', 'age').stdout)).toMatchObject({ ok: false, error: 'index-encoding', message: expect.stringMatching(/only a categorical feature is coded by index/) });
    const bad = run('--missing', 'age');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option '--missing <column=strategy>' argument 'age' is invalid\. Expected COLUMN=STRATEGY/);
    // Without a strategy the import stops on the first missing value, naming line and column.
    const none = run();
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, error: 'empty-value', line: 3, column: 'income' });
  });

  it('reads the file as given: --decimal, --thousands and --encoding reach the import', () => {
    const project = projectFile('playground-circles.neurite', 4, { epochs: 2 }, 3);
    const comma = JSON.parse(neurite('train', project, '--csv', fixture('decimal-comma.csv'), '--label', 'species', '--decimal', ',', '--thousands', 'none', '--json').stdout);
    expect(comma.ok).toBe(true);
    expect(comma.data).toMatchObject({ numberFormat: { decimal: ',', thousands: '' }, numFeatures: 4 });
    const shapes = projectFile('playground-circles.neurite', 2, { epochs: 2 }, 3);
    const utf16 = JSON.parse(neurite('train', shapes, '--csv', fixture('utf16le-no-bom.txt'), '--label', 'shape', '--encoding', 'utf-16le', '--json').stdout);
    expect(utf16.ok).toBe(true);
    expect(utf16.data).toMatchObject({ text: { encoding: 'utf-16le', skipLines: 0 }, numFeatures: 2 });
  });

  it('an Excel workbook: --sheet chooses the sheet, imported through the same pipeline', () => {
    const project = projectFile('playground-circles.neurite', 3, { epochs: 2 }, 3);
    const result = neurite('train', project, '--csv', WORKBOOK, '--sheet', 'Iris', '--label', 'species', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.data).toMatchObject({ rows: 10, sheet: 'Iris', task: 'classification', numFeatures: 3, classNames: ['setosa', 'versicolor', 'virginica'] });
    const text = neurite('train', project, '--csv', WORKBOOK, '--sheet', 'Iris', '--label', 'species');
    expect(text.stdout.split('\n')[0]).toMatch(/^Data: two-sheets\.xlsx - 10 rows, sheet "Iris", header line; label species \(classification, 3 classes\); 3 features, normalised$/);
  });

  it('an unknown label names the columns there are; a graph that does not fit the data exits 4; a bad row (--numeric forced) names its line and column', () => {
    const project = projectFile('keras-tutorial-regression.neurite', 4);
    const unknown = neurite('train', project, '--csv', fixture('house-prices.csv'), '--label', 'price');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^neurite: --label "price": .*house-prices\.csv has no such column\. Its columns are: "area_m2", "year_built", "rooms", "distance_km", "price_k"\.$/m);
    const json = JSON.parse(neurite('train', project, '--csv', fixture('house-prices.csv'), '--label', 'price', '--json').stdout);
    expect(json).toMatchObject({ ok: false, error: 'unknown-column', column: 'price' });

    const misfit = neurite('train', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--csv', fixture('house-prices.csv'), '--label', 'price_k');
    expect(misfit.code).toBe(4);
    expect(misfit.stderr).toMatch(/the data has 4/);

    const badRow = neurite('train', projectFile('keras-tutorial-regression.neurite', 2), '--csv', fixture('text-in-numeric.csv'), '--label', 'bought', '--ignore', 'name', '--numeric', 'age', '--json');
    expect(badRow.code).toBe(2);
    expect(JSON.parse(badRow.stdout)).toMatchObject({ ok: false, error: 'not-a-number', line: 52, column: 'age', message: expect.stringMatching(/text-in-numeric\.csv: Line 52, column 'age': expected a number, got 'abc'/) });
  });
});
