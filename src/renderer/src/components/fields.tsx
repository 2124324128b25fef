import { useState, type ReactNode } from 'react';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A label, a control and its help; the error (if any) replaces nothing and pushes nothing around. */
export function Field({ label, help, error, children, htmlFor }: { label: string; help?: string; error?: string | null; children: ReactNode; htmlFor?: string }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={htmlFor} title={help}>
        {label}
      </label>
      {children}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : help ? (
        <div className="field-help">{help}</div>
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
}) {
  const [draft, setDraft] = useState<{ text: string; value: T; error: string | null }>({ text: format(value), value, error: null });
  if (!sameValue(draft.value, value)) setDraft({ text: format(value), value, error: null });

  const onChange = (text: string) => {
    const parsed = parse(text);
    if (!parsed.ok) {
      setDraft({ text, value: draft.value, error: parsed.message });
      return;
    }
    const error = onCommit(parsed.value);
    setDraft({ text, value: error ? draft.value : parsed.value, error });
  };

  return (
    <Field label={label} help={help} error={draft.error} htmlFor={id}>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={draft.text}
        placeholder={placeholder}
        aria-invalid={draft.error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => !draft.error && setDraft({ ...draft, text: format(draft.value) })}
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
      />
    </Field>
  );
}

export function parseNumber(text: string, integer: boolean): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Expected ${integer ? 'a whole number' : 'a number'}, got nothing.` };
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { ok: false, message: `Expected ${integer ? 'a whole number' : 'a number'}, got “${trimmed}”.` };
  if (integer && !Number.isInteger(n)) return { ok: false, message: `Expected a whole number, got ${trimmed}.` };
  return { ok: true, value: n };
}

export function parseShape(text: string, allowInfer: boolean): Parsed<number[]> {
  const parts = text
    .replace(/[()[\]]/g, '')
    .split(/[\s,×x]+/)
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Expected a shape such as “1” or “28, 28”, got nothing.' };
  const dims: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || (n < 1 && !(allowInfer && n === -1))) {
      return { ok: false, message: `Expected positive whole numbers${allowInfer ? ' (or one -1)' : ''} separated by commas, got “${part}”.` };
    }
    dims.push(n);
  }
  return { ok: true, value: dims };
}

export const formatNumber = (n: number): string => String(n);
export const formatShapeText = (dims: number[]): string => dims.join(', ');
