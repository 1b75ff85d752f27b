import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { acceptInvitation } from '@/lib/session/session-client';
import { AcceptInvitationForm } from './accept-invitation-form';

jest.mock('next/navigation', () => ({ useRouter: () => ({ replace: jest.fn() }) }));
jest.mock('@/lib/session/session-client', () => ({ acceptInvitation: jest.fn() }));
const accept = acceptInvitation as jest.MockedFunction<typeof acceptInvitation>;

const INVITATION = {
  organizationName: 'Acme Travel',
  email: 'ingrid@example.com',
  role: 'manager' as const,
  status: 'pending' as const,
  expiresAt: '2026-03-20T10:00:00Z',
};
const form = (onLinkDied = jest.fn()) => (
  <AcceptInvitationForm token="t" invitation={INVITATION} roleName="a manager" onLinkDied={onLinkDied} />
);

function submit() {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ingrid' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'saffron kettle meadow 19' } });
  fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
}

describe('AcceptInvitationForm', () => {
  it('tells someone whose address already has an account to sign in or reset its password, not to ask for a new invitation', async () => {
    accept.mockRejectedValue(
      new ApiError(409, ['An account with this e-mail already exists'], undefined, undefined, 'EMAIL_TAKEN'),
    );
    render(form());
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This e-mail address already has a NestMap account');
    expect(alert.textContent).not.toMatch(/ask your admin/i);
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
    expect(within(alert).getByRole('link', { name: 'reset its password' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('says whom the invitation is for', () => {
    render(form());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Join Acme Travel on NestMap');
    expect(screen.getByText('ingrid@example.com')).toBeTruthy();
    expect(document.body.textContent).toContain('as a manager');
  });

  it('hands a link that died while the form was open back to the page, which says why', async () => {
    accept.mockRejectedValue(
      new ApiError(
        400,
        ['This invitation is invalid, already used or expired'],
        undefined,
        undefined,
        'INVITATION_INVALID',
      ),
    );
    const onLinkDied = jest.fn();
    render(form(onLinkDied));
    submit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await screen.findByRole('button', { name: 'Accept invitation' });
    expect(onLinkDied).toHaveBeenCalledTimes(1);
  });
});
