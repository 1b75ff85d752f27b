import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { resetPassword } from '@/lib/api/password-reset';
import { signOut } from '@/lib/session/session-client';
import { ResetPasswordForm } from './reset-password-form';

const replace = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ replace }) }));
jest.mock('@/lib/api/password-reset', () => ({ resetPassword: jest.fn() }));
jest.mock('@/lib/session/session-client', () => ({ signOut: jest.fn(async () => undefined) }));
const reset = resetPassword as jest.MockedFunction<typeof resetPassword>;

const TOKEN = 'k3Yq0Lr6t1m6C1f8vQd1m0nH2w9sB5tZqJbXcVaE4uI';

function openLink(hash: string) {
  window.history.replaceState(null, '', `/reset-password${hash}`);
  render(<ResetPasswordForm />);
}

function submit(password: string) {
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('ResetPasswordForm', () => {
  beforeEach(() => {
    replace.mockReset();
    reset.mockReset();
  });

  it('takes the token from the link, removes it from the address at once, and sends it with the new password', async () => {
    openLink(`#token=${TOKEN}`);
    await screen.findByRole('heading', { name: 'Choose a new password' });
    expect(window.location.href).toBe('http://localhost/reset-password');

    reset.mockResolvedValue(undefined);
    submit('saffron kettle meadow 19');
    await waitFor(() => expect(replace).toHaveBeenCalledWith('/sign-in?reset=1'));
    expect(reset).toHaveBeenCalledWith(TOKEN, 'saffron kettle meadow 19');
    // The tab's own session, if it had one, ended with the others.
    expect(signOut).toHaveBeenCalled();
  });

  it('asks for the e-mailed link when the page is opened without a token', async () => {
    openLink('');
    expect(await screen.findByText('This page needs the link from your reset e-mail.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });

  it('shows the password policy under the field and keeps the form', async () => {
    openLink(`#token=${TOKEN}`);
    const message = 'password is too common; choose a less predictable one';
    reset.mockRejectedValue(
      new ApiError(400, [message], undefined, undefined, 'VALIDATION_FAILED', [
        { field: 'password', code: 'PASSWORD_WEAK', message },
      ]),
    );
    submit('password1234');
    expect(await screen.findByText('Password is too common; choose a less predictable one')).toBeTruthy();
    expect(screen.getByLabelText('New password')).toBeTruthy();
    expect(replace).not.toHaveBeenCalled();
  });

  it('says when the link is dead and offers a new one', async () => {
    openLink(`#token=${TOKEN}`);
    reset.mockRejectedValue(
      new ApiError(
        400,
        ['This password reset link is invalid, already used or expired'],
        undefined,
        undefined,
        'RESET_LINK_INVALID',
      ),
    );
    submit('saffron kettle meadow 19');
    expect(await screen.findByText('This reset link is invalid, already used or expired.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toBeTruthy();
  });
});
