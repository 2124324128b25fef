import { describe, expect, it } from 'vitest';
import { cjkRuns, cjkTextMarks } from './svgFont';
import { approxMeasure, layoutReportChart, PRINT_THEME, reportSvg, type TextOutline } from './reportChart';

const chart = layoutReportChart(
  { title: '损失 — Untitled，第 1 次运行', xLabel: '轮次', yLabel: 'Loss', log: false, integerX: true, series: [{ label: 'training', color: '#2f7dd1', width: 2, x: [1, 2], y: [1, 0.5] }], caption: 'Optimizer SGD', theme: PRINT_THEME },
  approxMeasure,
);

describe('trial 10 (22): Chinese in an exported SVG as outlines', () => {
  it('splits a mixed title into CJK and other runs', () => {
    expect(cjkRuns('损失 — Untitled，第 1 次运行')).toEqual([
      { cjk: true, text: '损失' },
      { cjk: false, text: ' — Untitled' },
      { cjk: true, text: '，第' },
      { cjk: false, text: ' 1 ' },
      { cjk: true, text: '次运行' },
    ]);
    expect(cjkRuns('Loss')).toEqual([{ cjk: false, text: 'Loss' }]);
  });

  it('outlines only the marks with Chinese, placing pieces from the anchor, and keeps their text transparent', () => {
    const marks = cjkTextMarks(chart);
    const roles = marks.map((i) => chart.marks[i].role);
    expect(roles).toContain('title');
    expect(roles).toContain('x-label');
    expect(roles).not.toContain('y-label');
    const title = marks.find((i) => chart.marks[i].role === 'title')!;
    const outline: TextOutline = {
      pieces: [
        { kind: 'path', d: 'M0 0L10 0L10 10Z', scale: 0.02, width: 40 },
        { kind: 'text', text: ' — Untitled', width: 100 },
      ],
      width: 140,
    };
    const svg = reportSvg(chart, 2, new Map([[title, outline]]));
    const m = chart.marks[title] as { x: number; y: number };
    // Centred: the pen starts half the width left of the anchor.
    expect(svg).toContain(`<g data-role="title-outline" aria-hidden="true"><path d="M0 0L10 0L10 10Z" transform="translate(${Math.round((m.x - 70) * 100) / 100} ${Math.round(m.y * 100) / 100}) scale(0.02 -0.02)"`);
    expect(svg).toContain(`xml:space="preserve"> — Untitled</text></g>`);
    expect(svg).toMatch(/<text [^>]*fill="#000" fill-opacity="0" data-role="title"[^>]*>损失 — Untitled，第 1 次运行<\/text>/);
    // Without outlines the SVG is as before.
    expect(reportSvg(chart)).not.toContain('-outline');
  });
});
