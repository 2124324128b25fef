import { Fragment, type ReactNode } from 'react';

/**
 * Trial 10 (6): the words of a CamelCase name — "BatchNormalization" → ["Batch", "Normalization"],
 * "GlobalAveragePooling2D" → ["Global", "Average", "Pooling2D"] — split where a lower-case letter
 * or digit is followed by an upper-case letter that starts a word (so "Conv2D" and "2D" stay whole).
 */
export function camelWords(name: string): string[] {
  return name.split(/(?<=[a-z])(?=[A-Z])/);
}

/** A CamelCase name with a line-break opportunity (`<wbr>`) between its words, so a narrow column wraps "Batch / Normalization", never "BatchNormalizati / on". */
export function withWordBreaks(name: string): ReactNode {
  const words = camelWords(name);
  return words.map((word, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {word}
    </Fragment>
  ));
}
