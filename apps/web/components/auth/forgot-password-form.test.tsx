import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { requestPasswordReset } from '@/lib/api/password-reset';
import { ForgotPasswordForm } from './forgot-password-form';

jest.mock('@/lib/api/password-reset', () => ({ requestPasswordReset: jest.fn() }));
const request = requestPasswordReset as jest.MockedFunction<typeof requestPasswordReset>;

function submit(email: string) {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
}

describe('ForgotPasswordForm', () => {
  beforeEach(() => request.mockReset());

  it('sends the address and says the same thing whatever the answer means: check your e-mail', async () => {
    request.mockResolvedValue({ message: 'If an account uses this address, a reset link is on its way.' });
    render(<ForgotPasswordForm />);
    submit('ada@example.com');
    await screen.findByRole('heading', { name: 'Check your e-mail' });
    expect(request).toHaveBeenCalledWith('ada@example.com');
    expect(screen.getByRole('status').textContent).toContain('If an account uses ada@example.com');

    fireEvent.click(screen.getByRole('button', { name: 'Send it again' }));
    expect((screen.getByLabelText('E-mail') as HTMLInputElement).value).toBe('ada@example.com');
  });

  it('checks the address before sending', async () => {
    render(<ForgotPasswordForm />);
    submit('not an address');
    expect(await screen.findByText('Enter a valid e-mail address')).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
  });

  it('says when to try again after too many requests', async () => {
    request.mockRejectedValue(new ApiError(429, ['Too Many Requests'], undefined, 600, 'RATE_LIMITED'));
    render(<ForgotPasswordForm />);
    submit('ada@example.com');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Too many attempts. Try again in 10 minutes.'),
    );
  });
});
