import { clearDrafts, draftKeys, saveDraft, takeDraft } from './session-drafts';

describe('drafts kept across an ended session', () => {
  beforeEach(() => sessionStorage.clear());

  it('gives the text back once, to the same person', () => {
    saveDraft('ada', 'new-trip', { title: 'Lisbon' });
    expect(draftKeys('new-')).toEqual(['new-trip']);
    expect(takeDraft('ada', 'new-trip')).toEqual({ title: 'Lisbon' });
    expect(takeDraft('ada', 'new-trip')).toBeNull();
  });

  it('never gives it to someone else, and drops it', () => {
    saveDraft('ada', 'new-trip', { title: 'Confidential' });
    expect(takeDraft('grace', 'new-trip')).toBeNull();
    expect(takeDraft('ada', 'new-trip')).toBeNull();
  });

  it('forgets drafts older than a day and all of them on sign-out', () => {
    saveDraft('ada', 'old', { title: 'x' }, Date.now() - 25 * 3600_000);
    expect(takeDraft('ada', 'old')).toBeNull();
    saveDraft('ada', 'a', {});
    saveDraft('ada', 'b', {});
    clearDrafts();
    expect(sessionStorage.length).toBe(0);
  });
});
