import { render, screen } from '@testing-library/react';
import { Pagination } from './pagination';

const noun = { one: 'trip', other: 'trips' };

describe('Pagination', () => {
  it('says "1 trip", not "1–1 of 1 trips"', () => {
    render(<Pagination page={1} limit={20} total={1} noun={noun} onPageChange={() => undefined} />);
    expect(screen.getByRole('navigation').textContent).toBe('1 trip');
  });

  it('gives the range only when there is more than one page', () => {
    render(<Pagination page={2} limit={20} total={45} noun={noun} onPageChange={() => undefined} />);
    expect(screen.getByText('21–40 of 45 trips')).toBeTruthy();
  });
});
