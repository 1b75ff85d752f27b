import { availableActions, isDeletable, isEditable, isItineraryOpen } from './lifecycle';

type Permission = Parameters<typeof availableActions>[0]['allowedActions'][number];
const trip = (...allowedActions: Permission[]) => ({ allowedActions });

describe('the buttons follow the API’s allowedActions', () => {
  it('offers submit and cancel when the API allows them', () => {
    expect(availableActions(trip('view', 'edit', 'submit', 'cancel', 'delete'))).toEqual(['submit', 'cancel']);
  });

  it('turns decide into approve and reject', () => {
    expect(availableActions(trip('view', 'edit_itinerary', 'decide', 'cancel'))).toEqual([
      'approve',
      'reject',
      'cancel',
    ]);
  });

  it('offers nothing the API did not allow, whatever the trip looks like', () => {
    expect(availableActions(trip('view', 'comment'))).toEqual([]);
    expect(isEditable(trip('view'))).toBe(false);
    expect(isItineraryOpen(trip('view'))).toBe(false);
    expect(isDeletable(trip('view'))).toBe(false);
  });

  it('reads editing, the itinerary and deletion from their own permissions', () => {
    expect(isEditable(trip('edit'))).toBe(true);
    expect(isItineraryOpen(trip('edit_itinerary'))).toBe(true);
    expect(isDeletable(trip('delete'))).toBe(true);
  });
});
