import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { WireRunRecord } from '../../../../shared/project/wire';
import { bestRunId, resolveBestBy } from '../../../../shared/runs/policy';
import { kerasLogName } from '../../../../shared/training/epoch-log';
import { useT, type Translate } from '../../i18n';
import { visibleRows } from '../../lib/datastats';
import { useScrollWindow } from '../../lib/scrollWindow';
import { messageText } from '../../lib/problemText';
import { useEditor } from '../../store/editor';
import { useUi } from '../../store/ui';
import { branchRun, deleteRuns, pinRun, restoreRun, setRunNote, setRunsBestBy } from '../../store/runs';
import { RunsOverlay } from './RunsOverlay';
import { useRunsView } from './runsViewState';
import { runChangeText } from './runChangeText';
import {
  allColumns,
  columnLabel,
  defaultColumns,
  filterProblemText,
  formatCell,
  cellValue,
  orderLogKeys,
  parseRunFilter,
  runPasses,
  sortRuns,
  varyingColumns,
  type RunColumn,
} from './runsTable';

const ROW_HEIGHT = 28;
const NO_RUNS: WireRunRecord[] = [];
/** Run fields shown after the metrics, at the row's end. */
const TAIL = new Set(['run:pinned', 'run:weights', 'run:note']);

function columnWidth(column: RunColumn): number {
  if (column.group === 'run') {
    const widths: Record<string, number> = { number: 64, startedAt: 168, duration: 76, status: 92, outcome: 110, backend: 84, origin: 100, changes: 260, pinned: 52, weights: 64, note: 200 };
    return widths[column.key] ?? 90;
  }
  if (column.group === 'dataset') return 150;
  if (column.group === 'metric' || column.group === 'test') return 92;
  return 110;
}

/**
 * The columns of a run list, remembered for the list, and for the last list's setups: a note, a
 * pin or a best-by change makes a new list of the same runs and setups, whose columns are the same.
 */
const columnsOf = new WeakMap<readonly WireRunRecord[], { all: RunColumn[]; defaults: RunColumn[] }>();
let lastColumns: { signature: string; all: RunColumn[]; defaults: RunColumn[] } | null = null;
function tableColumns(runs: readonly WireRunRecord[]): { all: RunColumn[]; defaults: RunColumn[] } {
  let found = columnsOf.get(runs);
  if (found) return found;
  // What the columns depend on: which runs, their setups, origins and which logs they have.
  const signature = runs.map((r) => `${r.id}|${r.graphHash}|${r.settingsHash}|${r.datasetHash}|${r.origin.kind}|${Object.keys(r.finalLogs).join(',')}|${Object.keys(r.test ?? {}).join(',')}`).join('\n');
  if (lastColumns?.signature === signature) found = { all: lastColumns.all, defaults: lastColumns.defaults };
  else {
    const varying = varyingColumns(runs);
    found = { all: allColumns(runs, varying), defaults: defaultColumns(runs, varying) };
    lastColumns = { signature, ...found };
  }
  columnsOf.set(runs, found);
  return found;
}

/** The columns shown: the defaults the user did not hide, and the ones added, with pinned, weights and note at the end. */
function shownColumns(all: readonly RunColumn[], defaults: readonly RunColumn[], added: readonly string[], hidden: readonly string[]): RunColumn[] {
  const defaultIds = new Set(defaults.map((c) => c.id));
  const on = (c: RunColumn) => (defaultIds.has(c.id) && !hidden.includes(c.id)) || added.includes(c.id);
  const head = defaults.filter((c) => c.group === 'run' && !TAIL.has(c.id) && on(c));
  const middle = all.filter((c) => !(c.group === 'run' && (defaultIds.has(c.id) || TAIL.has(c.id))) && on(c));
  const tail = all.filter((c) => TAIL.has(c.id) && on(c));
  return [...head, ...middle, ...tail];
}

/**
 * The Runs view (issue 15): every run of the project in a table sortable and filterable by any
 * setting, layer param and final metric; runs selected with their checkboxes are overlaid on one
 * chart. Per run: pin, note, restore, branch, delete. Only the rows in view are in the DOM, so
 * 5000 runs scroll like 10.
 */
export function RunsView() {
  const runs = useEditor((s) => s.doc.runs) ?? NO_RUNS;
  const bestBy = useEditor((s) => s.doc.runsBestBy);
  const t = useT();
  const view = useRunsView();

  const { all, defaults } = useMemo(() => tableColumns(runs), [runs]);
  const columns = useMemo(() => shownColumns(all, defaults, view.added, view.hidden), [all, defaults, view.added, view.hidden]);
  const filter = useMemo(() => parseRunFilter(view.filter, all, t, columns), [view.filter, all, t, columns]);
  // Each run's shown text, for free-text filtering: kept while the columns and language stay, so typing reuses it.
  const texts = useMemo(() => ({ columns, t, byRun: new WeakMap<WireRunRecord, string>() }), [columns, t]);
  const shown = useMemo(() => {
    const shownText = (run: WireRunRecord) => {
      let text = texts.byRun.get(run);
      if (text === undefined) {
        text = texts.columns.map((c) => formatCell(c, cellValue(run, c), texts.t)).join('\u0000').toLowerCase();
        texts.byRun.set(run, text);
      }
      return text;
    };
    const passing = filter.terms.length === 0 ? runs : runs.filter((run) => runPasses(run, filter, shownText));
    const sortColumn = view.sort ? (all.find((c) => c.id === view.sort!.column) ?? null) : null;
    return sortRuns(passing, sortColumn, view.sort?.dir ?? 'asc');
  }, [runs, filter, all, view.sort, texts]);
  const resolved = useMemo(() => resolveBestBy(runs, bestBy), [runs, bestBy]);
  const bestId = useMemo(() => bestRunId(runs, resolved), [runs, resolved]);
  const selected = useMemo(() => view.selected.filter((id) => runs.some((r) => r.id === id)), [view.selected, runs]);

  if (runs.length === 0) {
    return (
      <section className="runs-view" data-testid="runs-view" data-runs={0}>
        <p className="muted runs-empty" data-testid="runs-empty">
          {t('runs.empty')}
        </p>
      </section>
    );
  }

  return (
    <section className={`runs-view${selected.length > 0 ? ' with-overlay' : ''}`} data-testid="runs-view" data-runs={runs.length} data-shown={shown.length}>
      <div className="runs-toolbar">
        <input
          className="runs-filter"
          type="search"
          value={view.filter}
          placeholder={t('runs.filterPlaceholder')}
          title={t('runs.filterTitle')}
          aria-label={t('runs.filterTitle')}
          onChange={(e) => view.setFilter(e.target.value)}
          data-testid="runs-filter"
        />
        <span className="small muted" data-testid="runs-count">
          {t('runs.count', { shown: shown.length, total: runs.length })}
        </span>
        <BestByChooser runs={runs} monitor={resolved.monitor} mode={bestBy?.mode ?? 'auto'} t={t} />
        <ColumnChooser all={all} columns={columns} defaults={defaults} t={t} />
        {selected.length > 0 && (
          <>
            <button className="small-btn" onClick={() => view.setSelected([])} data-testid="runs-clear-selection">
              {t('runs.clearSelection', { count: selected.length })}
            </button>
            <DeleteSelected ids={selected} t={t} />
          </>
        )}
      </div>
      {filter.problems.length > 0 && (
        <ul className="runs-filter-problems" data-testid="runs-filter-problems" role="alert">
          {filter.problems.map((p, i) => (
            <li key={i}>{filterProblemText(p, t)}</li>
          ))}
        </ul>
      )}
      <div className="runs-body">
        <RunsTable runs={shown} columns={columns} bestId={bestId} selected={selected} t={t} />
        {selected.length > 0 && <RunsOverlay runs={runs} selected={selected} />}
      </div>
    </section>
  );
}

function BestByChooser({ runs, monitor, mode, t }: { runs: readonly WireRunRecord[]; monitor: string; mode: 'auto' | 'min' | 'max'; t: Translate }) {
  const monitors = useMemo(() => {
    const keys = new Set<string>([monitor]);
    for (const run of runs) for (const k of Object.keys(run.finalLogs)) keys.add(k);
    return orderLogKeys(keys);
  }, [runs, monitor]);
  return (
    <label className="small runs-best-by" title={t('runs.bestByTitle')}>
      {t('runs.bestBy')}{' '}
      <select value={monitor} onChange={(e) => setRunsBestBy({ monitor: e.target.value, mode })} data-testid="runs-best-by">
        {monitors.map((m) => (
          <option key={m} value={m}>
            {/* Keras' names, as the headers, the overlay and the sweep say them (trial 8, finding 7). */}
            {kerasLogName(m)}
          </option>
        ))}
      </select>{' '}
      <select value={mode} onChange={(e) => setRunsBestBy({ monitor, mode: e.target.value as 'auto' | 'min' | 'max' })} data-testid="runs-best-mode">
        <option value="auto">{t('runs.modeAuto')}</option>
        <option value="min">{t('runs.modeMin')}</option>
        <option value="max">{t('runs.modeMax')}</option>
      </select>
    </label>
  );
}

/** Every column the runs have, grouped, each with a checkbox (the defaults start checked). */
function ColumnChooser({ all, columns, defaults, t }: { all: readonly RunColumn[]; columns: readonly RunColumn[]; defaults: readonly RunColumn[]; t: Translate }) {
  const showColumn = useRunsView((s) => s.showColumn);
  const resetColumns = useRunsView((s) => s.resetColumns);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDetailsElement>(null);
  // A click anywhere else, or Escape, closes the menu, as a menu does.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);
  const shownIds = new Set(columns.map((c) => c.id));
  const defaultIds = new Set(defaults.map((c) => c.id));
  const q = query.trim().toLowerCase();
  const listed = q ? all.filter((c) => `${columnLabel(c, t)} ${c.key}`.toLowerCase().includes(q)) : all;
  return (
    <details className="runs-columns" ref={box} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="small-btn" data-testid="runs-columns">
        {t('runs.columns')}
      </summary>
      <div className="runs-columns-menu">
        <div className="runs-columns-top">
          <input type="search" value={query} placeholder={t('runs.columnsFind')} onChange={(e) => setQuery(e.target.value)} data-testid="runs-columns-find" />
          <button className="small-btn" onClick={resetColumns} title={t('runs.columnsResetTitle')} data-testid="runs-columns-reset">
            {t('runs.columnsReset')}
          </button>
        </div>
        <ul>
          {listed.map((c) => (
            <li key={c.id}>
              <label className="check small">
                <input type="checkbox" checked={shownIds.has(c.id)} onChange={(e) => showColumn(c.id, e.target.checked, defaultIds.has(c.id))} data-testid={`runs-column-${c.id}`} />{' '}
                {columnLabel(c, t)}
                {c.group === 'setting' || c.group === 'param' ? <span className="muted"> · <code>{c.key}</code></span> : null}
              </label>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

function DeleteSelected({ ids, t }: { ids: string[]; t: Translate }) {
  const [confirming, setConfirming] = useState(false);
  const setSelected = useRunsView((s) => s.setSelected);
  if (!confirming)
    return (
      <button className="small-btn" onClick={() => setConfirming(true)} data-testid="runs-delete-selected">
        {t('runs.deleteSelected', { count: ids.length })}
      </button>
    );
  return (
    <span className="runs-confirm small">
      <button
        className="small-btn danger"
        autoFocus
        onClick={() => {
          deleteRuns(ids);
          setSelected([]);
          setConfirming(false);
        }}
        data-testid="runs-delete-selected-confirm"
      >
        {t('runs.deleteSelectedConfirm', { count: ids.length })}
      </button>
      <button className="small-btn" onClick={() => setConfirming(false)}>
        {t('runs.cancel')}
      </button>
    </span>
  );
}

function RunsTable({ runs, columns, bestId, selected, t }: { runs: readonly WireRunRecord[]; columns: readonly RunColumn[]; bestId: string | null; selected: readonly string[]; t: Translate }) {
  const scroll = useScrollWindow<HTMLDivElement>(300);
  const sort = useRunsView((s) => s.sort);
  const setSort = useRunsView((s) => s.setSort);
  const { first, last } = visibleRows(scroll.top, scroll.height - ROW_HEIGHT, ROW_HEIGHT, runs.length);
  const gridTemplateColumns = `30px ${columns.map((c) => `${columnWidth(c)}px`).join(' ')} 176px`;
  const width = 30 + columns.reduce((n, c) => n + columnWidth(c), 0) + 176;
  const selectedSet = new Set(selected);
  const rows: WireRunRecord[] = runs.slice(first, last);
  return (
    <div
      ref={scroll.ref}
      className="runs-table"
      // issue 17: a table to assistive technology (rows are virtualized: aria-rowcount/rowindex give the whole count)
      role="table"
      aria-label={t('runs.tableLabel')}
      aria-rowcount={runs.length + 1}
      data-testid="runs-table"
      data-rendered-rows={rows.length}
      onScroll={scroll.onScroll}
    >
      <div className="runs-table-head" style={{ gridTemplateColumns, width }} role="row" aria-rowindex={1}>
        <span role="columnheader">
          <SelectShown runs={runs} selected={selected} t={t} />
        </span>
        {columns.map((c) => {
          const dir = sort?.column === c.id ? sort.dir : null;
          return (
            <span key={c.id} role="columnheader" className="runs-th-cell" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
              <button
                className={`runs-th${dir ? ' sorted' : ''}${c.type === 'number' ? ' num' : ''}`}
                onClick={() => setSort(c.id)}
                title={`${columnLabel(c, t)}${c.group === 'setting' || c.group === 'param' ? ` (${c.key})` : ''} — ${t('runs.sortTitle')}`}
                data-testid={`runs-sort-${c.id}`}
              >
                {columnLabel(c, t)}
                {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
              </button>
            </span>
          );
        })}
        <span role="columnheader">
          <span className="sr-only">{t('runs.actionsLabel')}</span>
        </span>
      </div>
      {runs.length === 0 ? (
        <p className="muted small runs-empty" data-testid="runs-no-match">
          {t('runs.noMatch')}
        </p>
      ) : (
        <div style={{ height: runs.length * ROW_HEIGHT, width, position: 'relative' }} role="rowgroup">
          {rows.map((run, i) => (
            <RunRow
              key={run.id}
              run={run}
              columns={columns}
              best={run.id === bestId}
              selected={selectedSet.has(run.id)}
              full={selected.length >= MAX_OVERLAY}
              style={{ gridTemplateColumns, top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, width }}
              rowIndex={first + i + 2}
              t={t}
            />
          ))}
        </div>
      )}
    </div>
  );
}

/** At most this many runs are overlaid at once: more lines than that no longer read apart. */
export const MAX_OVERLAY = 20;

/** The header's checkbox: selects every run shown (when there are at most {@link MAX_OVERLAY}), or clears them. */
function SelectShown({ runs, selected, t }: { runs: readonly WireRunRecord[]; selected: readonly string[]; t: Translate }) {
  const setSelected = useRunsView((s) => s.setSelected);
  const shownSelected = runs.filter((r) => selected.includes(r.id)).length;
  const all = runs.length > 0 && shownSelected === runs.length;
  const tooMany = !all && runs.length > MAX_OVERLAY;
  return (
    <input
      type="checkbox"
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = shownSelected > 0 && !all;
      }}
      disabled={tooMany && shownSelected === 0}
      title={tooMany && shownSelected === 0 ? t('runs.selectShownTooMany', { max: MAX_OVERLAY, count: runs.length }) : t('runs.selectShown')}
      aria-label={t('runs.selectShown')}
      onChange={() => setSelected(shownSelected > 0 ? selected.filter((id) => !runs.some((r) => r.id === id)) : runs.map((r) => r.id))}
      data-testid="runs-select-shown"
    />
  );
}

const showCurrentRun = () => useUi.getState().setRunView('run');

const RunRow = memo(function RunRow({
  run,
  columns,
  best,
  selected,
  full,
  style,
  rowIndex,
  t,
}: {
  run: WireRunRecord;
  columns: readonly RunColumn[];
  best: boolean;
  selected: boolean;
  /** {@link MAX_OVERLAY} runs are selected: no more can be. */
  full: boolean;
  style: CSSProperties;
  /** Issue 17: the row's place in the whole table (1 is the header), for assistive technology. */
  rowIndex: number;
  t: Translate;
}) {
  const toggleSelected = useRunsView((s) => s.toggleSelected);
  const [confirming, setConfirming] = useState(false);
  return (
    <div
      className={`runs-row${selected ? ' selected' : ''}${best ? ' best' : ''} status-${run.status}`}
      style={style}
      role="row"
      aria-rowindex={rowIndex}
      data-testid={`run-row-${run.number}`}
      data-run-id={run.id}
      data-status={run.status}
      data-best={best ? 'true' : undefined}
      title={run.status === 'failed' && run.message ? messageText({ ...run, message: run.message }, t) : undefined}
    >
      <span role="cell">
        <input type="checkbox" checked={selected} disabled={!selected && full} title={!selected && full ? t('runs.selectFull', { max: MAX_OVERLAY }) : undefined} onChange={(e) => toggleSelected(run.id, e.target.checked)} aria-label={t('runs.selectTitle', { number: run.number })} data-testid={`run-select-${run.number}`} />
      </span>
      {columns.map((c) => (
        <RunCell key={c.id} run={run} column={c} best={best} t={t} />
      ))}
      <span className="runs-actions" role="cell">
        {confirming ? (
          <>
            <button
              className="small-btn danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                deleteRuns([run.id]);
              }}
              data-testid="run-delete-confirm"
            >
              {t('runs.deleteConfirm', { number: run.number })}
            </button>
            <button className="small-btn" onClick={() => setConfirming(false)} data-testid="run-delete-cancel">
              {t('runs.cancel')}
            </button>
          </>
        ) : (
          <>
            {/* Restored or branched, the run is the current model: the Run tab shows it, beside Predict. */}
            <button className="small-btn" onClick={() => void restoreRun(run.id).then(showCurrentRun)} title={t('runs.restoreTitle')} data-testid="run-restore">
              {t('runs.restore')}
            </button>
            <button
              className="small-btn"
              onClick={() => {
                branchRun(run.id);
                showCurrentRun();
              }}
              title={t('runs.branchTitle')}
              data-testid="run-branch"
            >
              {t('runs.branch')}
            </button>
            <button className="small-btn" onClick={() => setConfirming(true)} title={t('runs.deleteTitle')} aria-label={t('runs.deleteTitle')} data-testid="run-delete">
              ✕
            </button>
          </>
        )}
      </span>
    </div>
  );
});

function RunCell({ run, column, best, t }: { run: WireRunRecord; column: RunColumn; best: boolean; t: Translate }) {
  const value = cellValue(run, column);
  if (column.id === 'run:pinned') {
    return (
      <span role="cell">
        <button
          className={`pin-btn${run.pinned ? ' on' : ''}`}
          onClick={() => pinRun(run.id, !run.pinned)}
          aria-pressed={run.pinned}
          title={t(run.pinned ? 'runs.unpinTitle' : 'runs.pinTitle')}
          data-testid="run-pin"
        >
          {run.pinned ? '★' : '☆'}
        </button>
      </span>
    );
  }
  if (column.id === 'run:note') return <NoteCell run={run} t={t} />;
  if (column.id === 'run:changes') {
    if (!run.changes) return <span className="muted" role="cell">—</span>;
    const text = run.changes.items.length === 0 ? t('runs.sameSetup') : run.changes.items.map((c) => runChangeText(c, t)).join('; ');
    const full = t('runs.changesSince', { run: run.changes.previous, changes: text });
    return (
      <span className="runs-cell-text" role="cell" title={full} data-testid="run-changes">
        {text}
      </span>
    );
  }
  if (column.id === 'run:weights') {
    return (
      <span className="runs-cell-center" role="cell" title={t(value ? 'runs.weightsKept' : 'runs.weightsDropped')} data-testid="run-weights" data-kept={value ? 'true' : 'false'}>
        {value ? '✓' : '—'}
      </span>
    );
  }
  const text = formatCell(column, value, t);
  return (
    <span className={column.type === 'number' ? 'num' : undefined} role="cell" title={column.id === 'run:status' && run.message ? messageText({ ...run, message: run.message }, t) : text} data-col={column.id}>
      {column.id === 'run:number' && best ? (
        <b title={t('runs.bestTitle')} data-testid="run-best">
          {text} ◆
        </b>
      ) : (
        text
      )}
    </span>
  );
}

/** The note, edited in place: Enter or leaving the field keeps it, Escape puts the saved note back. */
function NoteCell({ run, t }: { run: WireRunRecord; t: Translate }) {
  const [draft, setDraft] = useState(run.note);
  useEffect(() => setDraft(run.note), [run.note]);
  // A row scrolled out of view unmounts without a blur: the note being typed is kept then too.
  const latest = useRef({ id: run.id, note: run.note, draft });
  latest.current = { id: run.id, note: run.note, draft };
  useEffect(() => {
    const state = latest;
    return () => {
      if (state.current.draft !== state.current.note) setRunNote(state.current.id, state.current.draft);
    };
  }, []);
  const commit = () => {
    if (draft !== run.note) setRunNote(run.id, draft);
  };
  return (
    <span role="cell">
      <input
        className="runs-note"
        aria-label={t('runs.noteLabel', { number: run.number })}
        value={draft}
        maxLength={20_000}
        placeholder={t('runs.notePlaceholder')}
        title={run.note || t('runs.notePlaceholder')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            commit();
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            setDraft(run.note);
            e.stopPropagation();
          }
        }}
        data-testid="run-note"
      />
    </span>
  );
}
