/**
 * Which of the assistant's proposals the user wants, and what became of the ones they accepted.
 * Every proposal starts selected (each was already checked by the API's rules); an accepted one
 * leaves the selection for good, a refused one stays selected with the API's reason beside it, so
 * "Add selected" again retries just the failures.
 */
export interface ProposalSelection {
  selected: ReadonlySet<string>;
  added: ReadonlySet<string>;
  /** Key → why the API refused to add it. */
  failed: ReadonlyMap<string, string>;
}

export type AcceptOutcome = { key: string; ok: true } | { key: string; ok: false; message: string };

export function initialSelection(keys: readonly string[]): ProposalSelection {
  return { selected: new Set(keys), added: new Set(), failed: new Map() };
}

export function toggleProposal(selection: ProposalSelection, key: string): ProposalSelection {
  if (selection.added.has(key)) return selection;
  const selected = new Set(selection.selected);
  if (!selected.delete(key)) selected.add(key);
  return { ...selection, selected };
}

/** Selects (or clears) every proposal not added yet. */
export function selectAll(selection: ProposalSelection, keys: readonly string[], on: boolean): ProposalSelection {
  return { ...selection, selected: new Set(on ? keys.filter((key) => !selection.added.has(key)) : []) };
}

/** The selected proposals still to add, in the order the assistant gave them (the day's order). */
export function toAccept<P extends { key: string }>(selection: ProposalSelection, proposals: readonly P[]): P[] {
  return proposals.filter((proposal) => selection.selected.has(proposal.key) && !selection.added.has(proposal.key));
}

export function afterAccept(selection: ProposalSelection, outcomes: readonly AcceptOutcome[]): ProposalSelection {
  const selected = new Set(selection.selected);
  const added = new Set(selection.added);
  const failed = new Map(selection.failed);
  for (const outcome of outcomes) {
    if (outcome.ok) {
      selected.delete(outcome.key);
      added.add(outcome.key);
      failed.delete(outcome.key);
    } else {
      failed.set(outcome.key, outcome.message);
    }
  }
  return { selected, added, failed };
}

/**
 * Adds each proposal in turn (not in parallel: each one's overlap check must see the ones before
 * it) and reports every outcome; one refusal does not stop the others.
 */
export async function acceptEach<P extends { key: string }>(
  proposals: readonly P[],
  add: (proposal: P) => Promise<unknown>,
  describe: (error: unknown) => string,
): Promise<AcceptOutcome[]> {
  const outcomes: AcceptOutcome[] = [];
  for (const proposal of proposals) {
    try {
      await add(proposal);
      outcomes.push({ key: proposal.key, ok: true });
    } catch (error) {
      outcomes.push({ key: proposal.key, ok: false, message: describe(error) });
    }
  }
  return outcomes;
}
