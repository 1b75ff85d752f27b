import { act, fireEvent, render, screen } from '@testing-library/react';
import { ChecklistItemForm } from './checklist-item-form';

const PEOPLE = [
  { id: 'u1', name: 'Ada Author' },
  { id: 'u2', name: 'Ben Booker' },
];

describe('ChecklistItemForm', () => {
  it("edits a to-do's title, assignee and due date from what it holds; clearing sends null", async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <ChecklistItemForm
        label="To-do"
        submitLabel="Save"
        people={PEOPLE}
        initial={{ title: 'Book hotel', assigneeId: 'u1', dueDate: '2026-03-01' }}
        pending={false}
        onSubmit={onSubmit}
        onCancel={jest.fn()}
      />,
    );
    expect((screen.getByLabelText('To-do') as HTMLInputElement).value).toBe('Book hotel');
    fireEvent.change(screen.getByLabelText('To-do'), { target: { value: 'Book the hotel near the fair' } });
    fireEvent.change(screen.getByLabelText(/Assignee/), { target: { value: 'u2' } });
    fireEvent.change(screen.getByLabelText(/Due/), { target: { value: '' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(onSubmit).toHaveBeenCalledWith({ title: 'Book the hotel near the fair', assigneeId: 'u2', dueDate: null });
    // An edit keeps its text (the card closes it); only the new to-do's form empties.
    expect((screen.getByLabelText('To-do') as HTMLInputElement).value).toBe('Book the hotel near the fair');
  });

  it('empties the new to-do form once added, and not when adding failed', async () => {
    const onSubmit = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce(undefined);
    render(
      <ChecklistItemForm
        label="New to-do"
        submitLabel="Add to-do"
        people={PEOPLE}
        pending={false}
        onSubmit={onSubmit}
      />,
    );
    fireEvent.change(screen.getByLabelText('New to-do'), { target: { value: 'Visa' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add to-do' })));
    expect((screen.getByLabelText('New to-do') as HTMLInputElement).value).toBe('Visa');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add to-do' })));
    expect((screen.getByLabelText('New to-do') as HTMLInputElement).value).toBe('');
  });
});
