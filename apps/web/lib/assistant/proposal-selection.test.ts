import { acceptEach, afterAccept, initialSelection, selectAll, toAccept, toggleProposal } from './proposal-selection';

const proposals = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
const keys = proposals.map((p) => p.key);

describe('proposal selection', () => {
  it('starts with every proposal selected and accepts them in the assistant’s order', () => {
    let selection = initialSelection(keys);
    selection = toggleProposal(toggleProposal(selection, 'a'), 'a');
    expect(toAccept(selection, proposals).map((p) => p.key)).toEqual(['a', 'b', 'c']);
  });

  it('unchecking a proposal leaves it out', () => {
    const selection = toggleProposal(initialSelection(keys), 'b');
    expect(toAccept(selection, proposals).map((p) => p.key)).toEqual(['a', 'c']);
  });

  it('after adding, the added leave the selection for good and the refused stay selected with their reason', () => {
    const selection = afterAccept(initialSelection(keys), [
      { key: 'a', ok: true },
      { key: 'b', ok: false, message: 'Overlaps with “Dinner”' },
      { key: 'c', ok: true },
    ]);
    expect([...selection.added]).toEqual(['a', 'c']);
    expect(selection.failed.get('b')).toBe('Overlaps with “Dinner”');
    expect(toAccept(selection, proposals).map((p) => p.key)).toEqual(['b']);
    // An added proposal cannot be selected again, not even by "select all".
    expect(toggleProposal(selection, 'a')).toBe(selection);
    expect(toAccept(selectAll(selection, keys, true), proposals).map((p) => p.key)).toEqual(['b']);
    expect(toAccept(selectAll(selection, keys, false), proposals)).toEqual([]);
  });

  it('a retry that succeeds clears the earlier failure', () => {
    const failed = afterAccept(initialSelection(keys), [{ key: 'b', ok: false, message: 'refused' }]);
    const retried = afterAccept(failed, [{ key: 'b', ok: true }]);
    expect(retried.failed.size).toBe(0);
    expect(retried.added.has('b')).toBe(true);
  });
});

describe('acceptEach', () => {
  it('adds one at a time, in order, and reports each refusal without stopping', async () => {
    const calls: string[] = [];
    let running = 0;
    const outcomes = await acceptEach(
      proposals,
      async ({ key }) => {
        running++;
        expect(running).toBe(1);
        calls.push(key);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        if (key === 'b') throw new Error('ACTIVITY_OUTSIDE_TRIP');
      },
      (error) => `refused: ${(error as Error).message}`,
    );
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(outcomes).toEqual([
      { key: 'a', ok: true },
      { key: 'b', ok: false, message: 'refused: ACTIVITY_OUTSIDE_TRIP' },
      { key: 'c', ok: true },
    ]);
  });
});
