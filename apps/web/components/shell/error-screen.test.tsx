import { fireEvent, render, screen } from '@testing-library/react';
import { LoadError } from '@/components/ui';
import { ApiError } from '@/lib/api/api-error';
import { ErrorScreen } from './error-screen';

describe('error states offer "Try again"', () => {
  it('a crashed page re-renders on Try again and never shows the error itself', () => {
    const reset = jest.fn();
    render(<ErrorScreen reset={reset} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reset).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: 'Go to the dashboard' }).getAttribute('href')).toBe('/dashboard');
  });

  it('a failed load says why in plain words and asks again', () => {
    const retry = jest.fn();
    render(
      <LoadError
        error={new ApiError(500, ['Internal server error'], 'req-1', undefined, 'INTERNAL_ERROR')}
        onRetry={retry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong on our side. Reference: req-1.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
