import { useEffect, useState, type ReactNode } from 'react';
import { useFieldDrafts } from '../store/fieldDrafts';
import { tr, useT } from '../i18n';
import { ConceptLink } from './lessons/ConceptLink';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A "?" beside a label whose help opens on hover or keyboard focus, so the panel stays compact. */
export function HelpTip({ text, testId }: { text: string; testId?: string }) {
  const t = useT();
  return (
    <span className="help-tip" tabIndex={0} role="button" aria-label={`${t('help.show')}: ${text}`} data-testid={testId}>
      ?
      <span className="help-pop" role="tooltip">
        {text}
      </span>
    </span>
  );
}

/** A label with its help, a control, and the error (if any) below it. */
export function Field({
  label,
  help,
  error,
  children,
  htmlFor,
  concept,
}: {
  label: string;
  help?: string;
  error?: string | null;
  children: ReactNode;
  htmlFor?: string;
  /** Issue 16: a concept card (src/renderer/src/lessons/concepts.ts) explaining the field, linked as "What is this?". */
  concept?: string;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={htmlFor}>{label}</label>
        {help ? <HelpTip text={help} {...(htmlFor ? { testId: `help-${htmlFor}` } : {})} /> : null}
        {concept ? <ConceptLink id={concept} {...(htmlFor ? { testId: `concept-${htmlFor}` } : {})} /> : null}
      </div>
      {children}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A text input that holds the user's draft while it does not parse or validate, commits each
 * valid value, and picks up outside changes (undo, template load) when the value moves under it.
 */
export function DraftInput<T>({
  id,
  value,
  format,
  parse,
  onCommit,
  testId,
  inputMode,
  label,
  help,
  placeholder,
  problem,
  countAs,
  onDraftError,
  disabled,
  concept,
}: {
  id: string;
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  /** Returns an error message to refuse the value. */
  onCommit(value: T): string | null;
  testId: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  label: string;
  help?: string;
  placeholder?: string;
  /**
   * A problem of the committed value found elsewhere (settings validation): shown like a parse
   * error, and the text stays as typed on blur so the user sees what is wrong.
   */
  problem?: string | null;
  /**
   * The field's key (its input id) when a refused value must count as an error in the status bar
   * and refuse Train while it stays typed (src/renderer/src/store/fieldDrafts.ts); the message is
   * the refusal, prefixed with the label unless it already starts with it.
   */
  countAs?: string;
  /** Told the draft's error after each edit (null when the text committed): a form can refuse to submit while a field is wrong. */
  onDraftError?(error: string | null): void;
  disabled?: boolean;
  /** Issue 16: the concept card linked beside the label (see Field). */
  concept?: string;
}) {
  const [draft, setDraft] = useState<{ text: string; value: T; error: string | null }>({ text: format(value), value, error: null });
  if (!sameValue(draft.value, value)) setDraft({ text: format(value), value, error: null });
  const setFieldDraft = useFieldDrafts((s) => s.setDraft);
  const refusal = countAs && draft.error ? (draft.error.startsWith(`${label}:`) ? draft.error : `${label}: ${draft.error}`) : null;
  useEffect(() => {
    if (!countAs || refusal === null) return;
    setFieldDraft(countAs, refusal);
    return () => setFieldDraft(countAs, null);
  }, [countAs, refusal, setFieldDraft]);

  const onChange = (text: string) => {
    const parsed = parse(text);
    if (!parsed.ok) {
      setDraft({ text, value: draft.value, error: parsed.message });
      onDraftError?.(parsed.message);
      return;
    }
    const error = onCommit(parsed.value);
    setDraft({ text, value: error ? draft.value : parsed.value, error });
    onDraftError?.(error);
  };

  return (
    <Field label={label} help={help} error={draft.error ?? problem ?? null} htmlFor={id} concept={concept}>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={draft.text}
        placeholder={placeholder}
        aria-invalid={draft.error || problem ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        onBlur={() => !draft.error && !problem && setDraft({ ...draft, text: format(draft.value) })}
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
      />
    </Field>
  );
}

export function parseNumber(text: string, integer: boolean): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: tr('field.expectedNothing') };
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { ok: false, message: tr(integer ? 'field.expectedInteger' : 'field.expectedNumber', { text: trimmed }) };
  if (integer && !Number.isInteger(n)) return { ok: false, message: tr('field.expectedInteger', { text: trimmed }) };
  return { ok: true, value: n };
}

export function parseShape(text: string, allowInfer: boolean): Parsed<number[]> {
  const parts = text
    .replace(/[()[\]]/g, '')
    .split(/[\s,×x]+/)
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: tr('field.expectedShape') };
  const dims: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || (n < 1 && !(allowInfer && n === -1))) {
      return { ok: false, message: tr(allowInfer ? 'field.expectedDimsInfer' : 'field.expectedDims', { text: part }) };
    }
    dims.push(n);
  }
  return { ok: true, value: dims };
}

export const formatNumber = (n: number): string => String(n);
export const formatShapeText = (dims: number[]): string => dims.join(', ');
