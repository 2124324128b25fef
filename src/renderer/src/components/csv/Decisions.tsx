import { useEffect, useState } from 'react';
import type { CsvPreviewInfo } from '../../../../shared/api/contract';
import { useT } from '../../i18n';
import { decisionText, encodingName, ENCODING_CHOICES, NUMBER_FORMAT_CHOICES } from './decision-text';

export type InspectOverrides = { encoding?: CsvPreviewInfo['text']['encoding']; numberFormat?: CsvPreviewInfo['numberFormat']; delimiter?: CsvPreviewInfo['delimiter']; header?: boolean };

const LIST = { margin: '4px 0', paddingLeft: 18 } as const;
const ROW = { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' } as const;

/**
 * Issue 12 (B1): what the import detected (encoding, Excel's sep= line, number format, trailing
 * delimiter, identifier columns, the label), each in words, with overrides for the encoding and
 * the number format (the file is inspected again with them) and a marker while the label is a
 * guess. `label` is the column the dialog currently has as label; choosing another one, or
 * keeping this one, confirms it.
 */
export function Decisions({ preview, label, busy, onInspect }: { preview: CsvPreviewInfo; label: string | undefined; busy: boolean; onInspect: (overrides: InspectOverrides) => void }) {
  const t = useT();
  const [kept, setKept] = useState<CsvPreviewInfo | null>(null);
  const guess = preview.labelGuess;
  // Choosing another label confirms the choice, also when the user later comes back to the guessed column.
  useEffect(() => {
    if (guess && label !== guess.column) setKept(preview);
  }, [guess, label, preview]);
  const confirmed = kept === preview || (guess !== null && label !== guess.column);
  const format = NUMBER_FORMAT_CHOICES.findIndex((c) => c.format.decimal === preview.numberFormat.decimal && c.format.thousands === preview.numberFormat.thousands);
  const items = preview.decisions.map((d) => ({ d, text: decisionText(d, t) })).filter((i) => i.text !== null);
  return (
    <section className="csv-decisions small" data-testid="csv-decisions">
      <div style={ROW}>
        <strong>{t('csvDecision.title')}</strong>
        {/* A workbook's cells are text and numbers already: no encoding or number format to choose. */}
        <label hidden={preview.sheets !== undefined}>
          {t('csvDecision.encoding')}{' '}
          <select value={preview.text.encoding} disabled={busy} onChange={(e) => onInspect({ encoding: e.target.value as InspectOverrides['encoding'] })} data-testid="csv-encoding">
            {ENCODING_CHOICES.map((e) => (
              <option key={e} value={e}>
                {encodingName(e)}
              </option>
            ))}
          </select>
        </label>
        <label hidden={preview.sheets !== undefined}>
          {t('csvDecision.numberFormat')}{' '}
          <select
            value={format}
            disabled={busy}
            onChange={(e) => onInspect({ numberFormat: NUMBER_FORMAT_CHOICES[Number(e.target.value)].format, encoding: preview.text.encoding, delimiter: preview.delimiter, header: preview.header })}
            data-testid="csv-number-format"
          >
            {format === -1 && <option value={-1}>{`${preview.numberFormat.thousands || '—'} / ${preview.numberFormat.decimal}`}</option>}
            {NUMBER_FORMAT_CHOICES.map((c, i) => (
              <option key={c.example} value={i}>
                {c.example}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul style={LIST}>
        {items.map(({ d, text }, i) => (
          <li key={i} className={d.kind === 'label-all-unique' ? 'field-error' : undefined} data-kind={d.kind} data-column={d.column}>
            {text}
          </li>
        ))}
      </ul>
      {!label ? (
        <p data-testid="csv-label-guess">{t('csvDecision.noLabel')}</p>
      ) : guess && !confirmed ? (
        <p data-testid="csv-label-guess" data-confirmed="false">
          <strong>{t('csvDecision.guess', { column: label })}</strong>{' '}
          <button type="button" onClick={() => setKept(preview)} data-testid="csv-label-keep">
            {t('csvDecision.keepLabel', { column: label })}
          </button>
        </p>
      ) : (
        <p data-testid="csv-label-guess" data-confirmed="true">
          {t(!guess || label !== guess.column ? 'csvDecision.labelChosen' : 'csvDecision.labelConfirmed', { column: label })}
        </p>
      )}
    </section>
  );
}
