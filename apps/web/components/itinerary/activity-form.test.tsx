import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { ActivityForm, type ActivityFormProps } from './activity-form';

const stored: Activity = {
  id: 'a1',
  tripId: 't1',
  title: 'Workshop',
  type: 'meeting',
  startsAt: '2026-03-10T09:00:00.000+01:00',
  endsAt: null,
  timezone: 'Europe/Berlin',
  endTimezone: null,
  locationName: null,
  latitude: null,
  longitude: null,
  notes: null,
  cost: null,
  bookingReference: null,
  position: 0,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function renderForm(
  onSubmit: ActivityFormProps['onSubmit'],
  edit?: Partial<Pick<ActivityFormProps, 'activity' | 'onLoadLatest' | 'onCancel'>>,
) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <ActivityForm
        activity={null}
        defaults={{ date: '2026-03-10', timezone: 'Europe/Berlin', currency: 'EUR' }}
        trip={{ startDate: '2026-03-09', endDate: '2026-03-12' }}
        onSubmit={onSubmit}
        onCancel={jest.fn()}
        onPickOnMap={jest.fn()}
        picking={false}
        pickedPoint={null}
        {...edit}
      />
    </QueryClientProvider>,
  );
}

describe('ActivityForm', () => {
  it('validates before sending: a title is needed and the end comes after the start', async () => {
    const onSubmit = jest.fn();
    renderForm(onSubmit);
    fireEvent.change(screen.getByLabelText(/^Ends \(optional\)/), { target: { value: '08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(await screen.findByText('Give the activity a title')).toBeTruthy();
    expect(screen.getByText('It must end after it starts')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("sends local times with the zone's offset", async () => {
    const onSubmit = jest.fn(async () => undefined);
    renderForm(onSubmit);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Customer workshop' } });
    fireEvent.change(screen.getByLabelText('Starts'), { target: { value: '09:30' } });
    fireEvent.change(screen.getByLabelText(/^Ends \(optional\)/), { target: { value: '12:00' } });
    fireEvent.change(screen.getByLabelText(/^Latitude/), { target: { value: '52.5163' } });
    fireEvent.change(screen.getByLabelText(/^Longitude/), { target: { value: '13.3777' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add activity' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        startsAt: '2026-03-10T09:30:00+01:00',
        endsAt: '2026-03-10T12:00:00+01:00',
        latitude: 52.5163,
        longitude: 13.3777,
        timezone: 'Europe/Berlin',
      }),
      null,
    );
  });

  it("shows the API's validation messages: under the field, or for the whole form", async () => {
    renderForm(async () => {
      const messages = ['title must be shorter than or equal to 200 characters', 'property colour should not exist'];
      throw new ApiError(400, messages, undefined, undefined, 'VALIDATION_FAILED', [
        { field: 'title', code: 'TOO_LONG', message: messages[0] },
        { field: 'colour', code: 'NOT_ALLOWED', message: messages[1] },
      ]);
    });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Workshop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(await screen.findByText('Title must be shorter than or equal to 200 characters')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Property colour should not exist');
  });

  describe('an edit meeting another tab', () => {
    const stale = new ApiError(
      409,
      ['This activity was changed by someone else'],
      undefined,
      undefined,
      'ACTIVITY_VERSION_STALE',
    );
    const theirs: Activity = { ...stored, title: 'Customer workshop', version: 2 };

    it('is refused when stale, says so, and loads their version on request', async () => {
      const onSubmit = jest.fn(async () => Promise.reject(stale));
      // Opening sees version 1; when the save fails, the other tab's rename is there.
      const onLoadLatest = jest.fn().mockResolvedValueOnce(stored).mockResolvedValue(theirs);
      renderForm(onSubmit, { activity: stored, onLoadLatest });
      await waitFor(() => expect(onLoadLatest).toHaveBeenCalledTimes(1));
      fireEvent.change(screen.getByLabelText(/^Ends \(optional\)/), { target: { value: '12:00' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save activity' }));
      expect(await screen.findByText('Someone else changed this activity while you were editing')).toBeTruthy();
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ title: 'Workshop' }), 1);
      expect(screen.getByRole('alert').textContent).toContain('its title is now “Customer workshop”');
      fireEvent.click(screen.getByRole('button', { name: 'Discard my changes and load theirs' }));
      expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Customer workshop');
      expect((screen.getByLabelText(/^Ends \(optional\)/) as HTMLInputElement).value).toBe('');
    });

    it('saves mine over theirs with their version when asked', async () => {
      const onSubmit = jest.fn().mockRejectedValueOnce(stale).mockResolvedValue(undefined);
      const onLoadLatest = jest.fn().mockResolvedValueOnce(stored).mockResolvedValue(theirs);
      renderForm(onSubmit, { activity: stored, onLoadLatest });
      fireEvent.click(screen.getByRole('button', { name: 'Save activity' }));
      fireEvent.click(await screen.findByRole('button', { name: 'Save mine over theirs' }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Workshop' }), 2);
    });

    it('says on opening, before anyone types, that the activity was deleted elsewhere', async () => {
      const onSubmit = jest.fn();
      renderForm(onSubmit, { activity: stored, onLoadLatest: jest.fn(async () => null) });
      expect(await screen.findByText('This activity was deleted elsewhere')).toBeTruthy();
      expect(screen.getByLabelText('Title').matches(':disabled')).toBe(true);
      expect((screen.getByRole('button', { name: 'Save activity' }) as HTMLButtonElement).disabled).toBe(true);
    });

    it('says a save met a deletion (404) instead of a raw error', async () => {
      const onLoadLatest = jest.fn(async () => stored);
      renderForm(
        async () => Promise.reject(new ApiError(404, ['Activity not found'], undefined, undefined, 'NOT_FOUND')),
        {
          activity: stored,
          onLoadLatest,
        },
      );
      await waitFor(() => expect(onLoadLatest).toHaveBeenCalled());
      fireEvent.click(screen.getByRole('button', { name: 'Save activity' }));
      expect(await screen.findByText('This activity was deleted elsewhere')).toBeTruthy();
    });
  });
});
