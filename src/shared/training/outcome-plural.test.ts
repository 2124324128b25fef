import { describe, expect, it } from 'vitest';
import { outcomeMessage, remedyLabel } from './outcome-text';
import type { RunOutcome } from './outcome';

/** Issue 13 follow-up: one epoch is "1 epoch" (the CLI printed "Train for 1 epochs"). */
describe('outcome texts for one epoch', () => {
  it('remedies: Train for 1 epoch; Train for 2 epochs', () => {
    expect(remedyLabel({ kind: 'set-epochs', epochs: 1, basis: 'best-epoch' })).toBe('Train for 1 epoch (where validation loss was lowest)');
    expect(remedyLabel({ kind: 'set-epochs', epochs: 1, basis: 'longer' })).toBe('Train for 1 epoch');
    expect(remedyLabel({ kind: 'set-epochs', epochs: 2, basis: 'longer' })).toBe('Train for 2 epochs');
  });

  it('a run of one epoch: "in 1 epoch"', () => {
    const outcome = { kind: 'learned', epochs: 1, plannedEpochs: 1, loss: { first: 2, last: 1 }, causes: [], remedies: [] } as unknown as RunOutcome;
    expect(outcomeMessage(outcome)).toMatch(/ in 1 epoch\.$/);
    expect(outcomeMessage({ ...outcome, kind: 'did-not-learn' } as RunOutcome)).toMatch(/ in 1 epoch\.$/);
  });
});
