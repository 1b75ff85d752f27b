import { travellersLabel } from './trip-list';

const lead = { id: 'lead', name: 'Lea Lead' };
const colleague = { id: 'colleague', name: 'Carl Colleague' };

describe('travellersLabel', () => {
  it('names the lead alone as before, "You" for the caller', () => {
    expect(travellersLabel({ traveller: lead, travellers: [lead] })).toBe('Traveller: Lea Lead');
    expect(travellersLabel({ traveller: lead, travellers: [lead] }, 'lead')).toBe('Traveller: You');
  });

  it('lists everyone on a group trip, the lead first, with "You" in its place', () => {
    expect(travellersLabel({ traveller: lead, travellers: [lead, colleague] }, 'colleague')).toBe(
      'Travellers: Lea Lead, You',
    );
  });
});
