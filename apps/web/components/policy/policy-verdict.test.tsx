import { render, screen } from '@testing-library/react';
import { PolicyVerdict, type StoredVerdict } from './policy-verdict';

const budget = {
  rule: 'trip_budget',
  message: 'Budget €4,200.00 is over the €3,000.00 ceiling.',
  limit: '3000.00',
  actual: '4200.00',
  unit: 'EUR',
  overridable: true,
} as const;
const verdict = (overrides: Partial<StoredVerdict>): StoredVerdict => ({
  verdict: 'needs_approval',
  policyVersion: 4,
  reasons: [budget],
  reasonCode: null,
  checkedAt: '2026-12-02T10:00:00.000Z',
  ...overrides,
});

describe('PolicyVerdict', () => {
  it("lists every broken rule in the API's words, with the policy version", () => {
    render(<PolicyVerdict verdict={verdict({})} />);
    expect(screen.getByText('Out of policy')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Why it is out of policy' }).textContent).toBe(budget.message);
    expect(screen.getByText(/^Policy version 4, checked /)).toBeTruthy();
  });

  it("names the traveller's reason when it let an out-of-policy trip through", () => {
    const labels = new Map([['client_requirement', 'Client requirement']]);
    render(
      <PolicyVerdict
        verdict={verdict({ verdict: 'in_policy', reasonCode: 'client_requirement' })}
        reasonLabels={labels}
      />,
    );
    expect(screen.getByText('Out of policy, with a reason')).toBeTruthy();
    expect(screen.getByText('Traveller’s reason: Client requirement')).toBeTruthy();
  });

  it('says in policy, with no list, when nothing is broken', () => {
    render(<PolicyVerdict verdict={verdict({ verdict: 'in_policy', reasons: [] })} />);
    expect(screen.getByText('In policy')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
