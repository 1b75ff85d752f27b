import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { ActivityForm, type ActivityFormProps } from './activity-form';

function renderForm(onSubmit: ActivityFormProps['onSubmit']) {
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
    );
  });

  it("shows the API's validation messages: under the field, or for the whole form", async () => {
    renderForm(async () => {
      throw new ApiError(400, [
        'title must be shorter than or equal to 200 characters',
        'The activity must fall within the trip dates',
      ]);
    });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Workshop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(await screen.findByText('Title must be shorter than or equal to 200 characters')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The activity must fall within the trip dates');
  });
});
