import { render, screen } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { useInvitationPreview, type InvitationPreview } from '@/lib/api/invitation-link';
import { InvitationPage } from './invitation-page';

jest.mock('next/navigation', () => ({ useRouter: () => ({ replace: jest.fn() }) }));
jest.mock('@/lib/session/session-client', () => ({ acceptInvitation: jest.fn() }));
jest.mock('@/lib/api/invitation-link', () => ({ useInvitationPreview: jest.fn() }));
const preview = useInvitationPreview as jest.MockedFunction<typeof useInvitationPreview>;

const INVITATION: InvitationPreview = {
  organizationName: 'Acme Travel',
  email: 'ingrid@example.com',
  role: 'admin',
  status: 'pending',
  expiresAt: '2026-03-20T10:00:00Z',
};
const answer = (state: object) => preview.mockReturnValue({ refetch: jest.fn(), ...state } as never);

describe('InvitationPage', () => {
  it('names the organization, e-mail and role of a working link and offers the form', () => {
    answer({ isPending: false, isError: false, data: INVITATION });
    render(<InvitationPage token="t" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Join Acme Travel on NestMap');
    expect(document.body.textContent).toContain('ingrid@example.com as an admin');
    expect(screen.getByLabelText('Your name')).toBeTruthy();
  });

  it.each([
    ['accepted', 'This invitation was already used'],
    ['revoked', 'This invitation was withdrawn'],
    ['expired', 'This invitation has expired'],
  ] as const)('says a %s link is dead before anyone types, in one sentence, with no form', (status, title) => {
    answer({ isPending: false, isError: false, data: { ...INVITATION, status } });
    render(<InvitationPage token="t" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    const sentences = screen.getByRole('heading', { level: 1 }).nextElementSibling!.textContent!;
    expect(sentences.split(/[.;]\s/).length).toBeLessThanOrEqual(2);
    expect(document.body.textContent!.match(/invitation/gi)!.length).toBeLessThanOrEqual(2);
  });

  it('says an unknown link is not valid', () => {
    answer({
      isPending: false,
      isError: true,
      error: new ApiError(404, ['Invitation not found'], undefined, undefined, 'NOT_FOUND'),
    });
    render(<InvitationPage token="t" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This invitation link is not valid');
    expect(screen.queryByLabelText('Your name')).toBeNull();
  });

  it('says it is checking while the link is read', () => {
    answer({ isPending: true, isError: false });
    render(<InvitationPage token="t" />);
    expect(screen.getByRole('status').textContent).toContain('Checking your invitation');
  });
});
