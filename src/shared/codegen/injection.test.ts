import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/load';
import type { Project } from '../project/schema';
import { CodegenError } from './common';
import { pyCode, pyLiteral, tsCode, tsLiteral } from './literals';
import { toKerasPython } from './python';
import { toTfjsTypeScript } from './typescript';

/**
 * Issue 11, finding 1: a project file is data. A value planted in a layer's params or the
 * project's name must never become code in an exported script.
 */
const root = join(__dirname, '../../..');
function template(id: string): Project {
  const result = parseProject(readFileSync(join(root, `resources/templates/${id}.neurite`), 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}
const PAYLOAD = "1)\nimport os\nos.system('touch PWNED')\n#";
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('code generation never runs a project value', () => {
  it('refuses to load a file whose param has the wrong type, naming the field', () => {
    const result = parseProject(readFileSync(join(root, 'test/fixtures/bad/param-code.neurite'), 'utf8'), 'param-code.neurite');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('graph.nodes.1.params.units');
      expect(result.error.message).not.toContain('\n');
    }
  });

  it('refuses to export a graph with invalid params, listing the problems', () => {
    const project = template('keras-tutorial-regression');
    const dense = project.graph.nodes.find((n) => n.type === 'Dense')!;
    dense.params.units = PAYLOAD;
    expect(() => toKerasPython(project)).toThrow(CodegenError);
    expect(() => toKerasPython(project)).toThrow(/problem.*Dense units/s);
    expect(() => toTfjsTypeScript(project)).toThrow(CodegenError);
    dense.params.units = 0;
    expect(() => toKerasPython(project)).toThrow(/between 1 and 100000; got 0/);
  });

  it('writes every value through one literal encoder', () => {
    expect(pyLiteral(PAYLOAD)).toBe(JSON.stringify(PAYLOAD));
    expect(pyLiteral([2, 3])).toBe('(2, 3)');
    expect(pyLiteral([4])).toBe('(4,)');
    expect(pyLiteral(true)).toBe('True');
    expect(pyLiteral(1e-7)).toBe('1e-7');
    expect(() => pyLiteral(Infinity)).toThrow(CodegenError);
    expect(() => pyLiteral({ __class__: 'x' })).toThrow(CodegenError);
    expect(tsLiteral([1, 'a"b', null, false])).toBe('[1, "a\\"b", null, false]');
    expect(() => tsLiteral(Number.NaN)).toThrow(CodegenError);
    expect(() => tsLiteral({ a: 1 })).toThrow(CodegenError);
    // Calls come from the layer files; a name that is not an identifier is refused all the same.
    expect(() => pyCode({ kind: 'call', callee: 'layers.Dense', kwargs: [['x=1); import os; (', 1]] })).toThrow(CodegenError);
    expect(() => tsCode({ kind: 'call', callee: 'tf.layers.dense; process.exit()' })).toThrow(CodegenError);
  });

  it.skipIf(!hasPython)('keeps a hostile project name inside the Python docstring and the TypeScript comment', () => {
    const project = template('keras-tutorial-regression');
    project.name = `x"""\nimport os; os.system("touch PWNED")\n"""\u2028require('fs').writeFileSync('PWNED', '')\n//`;
    const dir = mkdtempSync(join(tmpdir(), 'neurite-inject-'));
    const script = join(dir, 'model.py');
    writeFileSync(script, toKerasPython(project));
    execFileSync('python3', [script, '--check'], { cwd: dir, stdio: 'pipe' });
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    const ts = toTfjsTypeScript(project);
    const firstLine = ts.split(/\r?\n|\u2028|\u2029/)[0];
    expect(firstLine.startsWith('// ')).toBe(true);
    expect(ts.split(/\r?\n|\u2028|\u2029/).some((line) => line.startsWith('require('))).toBe(false);
  });
});
