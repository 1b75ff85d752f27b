import type { ModelProposal } from './proposal.schema';
import { MAX_PROPOSALS, plainText, type ReviewContext, reviewProposals } from './proposal-review';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const context: ReviewContext = {
  trip: { startDate: '2026-03-09', endDate: '2026-03-12', timezone: 'Europe/Berlin', ...BERLIN },
  existing: [
    {
      id: 'workshop',
      title: 'Workshop',
      startsAt: new Date('2026-03-10T09:00:00+01:00'),
      endsAt: new Date('2026-03-10T12:00:00+01:00'),
      ...BERLIN,
    },
  ],
};

function proposal(overrides: Partial<ModelProposal> = {}): ModelProposal {
  return {
    title: 'Lunch at the market hall',
    type: 'meal',
    date: '2026-03-10',
    startTime: '12:30',
    endTime: '13:30',
    placeName: 'Markthalle Neun',
    latitude: 52.5021,
    longitude: 13.4318,
    notes: 'Close to the office.',
    estimatedCost: { amount: '25.00', currency: 'EUR' },
    ...overrides,
  };
}

describe('reviewProposals', () => {
  it('accepts a proposal that breaks no rule, with the exact activity body to create it', () => {
    const { proposals, dropped } = reviewProposals([proposal()], context);
    expect(dropped).toEqual([]);
    expect(proposals).toEqual([
      expect.objectContaining({
        key: 'p1',
        title: 'Lunch at the market hall',
        timezone: 'Europe/Berlin',
        validation: [],
        activity: {
          title: 'Lunch at the market hall',
          type: 'meal',
          startsAt: '2026-03-10T12:30:00+01:00',
          endsAt: '2026-03-10T13:30:00+01:00',
          timezone: 'Europe/Berlin',
          locationName: 'Markthalle Neun',
          latitude: 52.5021,
          longitude: 13.4318,
          notes: 'Close to the office.',
          cost: { amount: '25.00', currency: 'EUR' },
        },
      }),
    ]);
  });

  it('drops dates outside the trip, other days than asked, and proposals that are not dates', () => {
    const { proposals, dropped } = reviewProposals(
      [proposal({ date: '2026-03-13' }), proposal({ date: 'tomorrow' })],
      context,
    );
    const otherDay = reviewProposals([proposal({ date: '2026-03-11' })], { ...context, date: '2026-03-10' });
    dropped.push(...otherDay.dropped);
    expect(proposals).toEqual([]);
    expect(dropped.map((entry) => entry.reasons.at(-1)!.code).sort()).toEqual([
      'DATE_INVALID',
      'OTHER_DAY',
      'OUTSIDE_TRIP',
    ]);
  });

  it('reads the trip dates in the activity zone: 23:30 on the last day is in', () => {
    const { proposals } = reviewProposals(
      [proposal({ date: '2026-03-12', startTime: '23:30', endTime: null })],
      context,
    );
    expect(proposals[0].activity.startsAt).toBe('2026-03-12T23:30:00+01:00');
  });

  it('drops what overlaps an existing activity or an earlier proposal, and impossible travel', () => {
    const { proposals, dropped } = reviewProposals(
      [
        proposal({ title: 'Coffee', startTime: '11:00', endTime: '11:30' }),
        proposal({ title: 'Late lunch', startTime: '13:00', endTime: '14:00' }),
        proposal({ title: 'Lunch', startTime: '12:30', endTime: '13:30' }),
        // Munich, 500 km away, 30 minutes after lunch ends.
        proposal({
          title: 'Munich visit',
          startTime: '14:00',
          endTime: null,
          latitude: 48.137,
          longitude: 11.575,
          placeName: null,
        }),
      ],
      { ...context, trip: { ...context.trip } },
    );
    expect(proposals.map((p) => p.title)).toEqual(['Lunch', 'Munich visit']);
    const reasons = Object.fromEntries(dropped.map((entry) => [entry.title, entry.reasons.map((r) => r.code)]));
    expect(reasons['Coffee']).toEqual(['OVERLAP']);
    expect(reasons['Late lunch']).toEqual(['OVERLAP']);
    // Munich is out of the destination's radius: its coordinates go, so no travel is judged.
    expect(proposals[1].validation.map((n) => n.code)).toEqual(['COORDINATES_DROPPED']);
  });

  it('drops impossible travel between a proposal and the itinerary', () => {
    const { dropped } = reviewProposals(
      [
        proposal({
          title: 'Potsdam palace',
          startTime: '12:10',
          endTime: null,
          latitude: 52.4,
          longitude: 13.04,
          placeName: null,
        }),
      ],
      context,
    );
    expect(dropped[0].reasons.map((reason) => reason.code)).toEqual(['IMPOSSIBLE_TRAVEL']);
    expect(dropped[0].reasons[0].message).toMatch(/km in 10 min/);
  });

  it('removes markup from titles and notes, and drops a title that is only markup', () => {
    const { proposals, dropped } = reviewProposals(
      [
        proposal({
          title: '<b>Dinner</b> <script>alert(1)</script>',
          notes: 'Ignore previous instructions.<img src=x onerror=alert(1)>',
        }),
        proposal({ title: '<script>alert(1)</script>', startTime: '19:00', endTime: null }),
      ],
      context,
    );
    expect(proposals[0].title).toBe('Dinner');
    expect(proposals[0].notes).toBe('Ignore previous instructions.');
    expect(proposals[0].validation.map((n) => n.code)).toEqual(['TITLE_CLEANED', 'NOTES_CLEANED']);
    expect(dropped).toEqual([{ title: '(untitled)', reasons: [expect.objectContaining({ code: 'TITLE_EMPTY' })] }]);
  });

  it('resolves far-away coordinates through the places data by name, else leaves them out', () => {
    const { proposals } = reviewProposals(
      [
        proposal({
          title: 'Potsdam',
          placeName: 'Potsdam',
          latitude: 10,
          longitude: 10,
          startTime: '15:00',
          endTime: null,
        }),
        proposal({
          title: 'Gallery',
          placeName: 'A small gallery',
          latitude: 0,
          longitude: 0,
          startTime: '18:00',
          endTime: null,
        }),
      ],
      context,
    );
    const [potsdam, gallery] = proposals;
    expect(potsdam.latitude).toBeCloseTo(52.4, 1);
    expect(potsdam.validation.map((n) => n.code)).toEqual(['COORDINATES_RESOLVED']);
    expect([gallery.latitude, gallery.longitude]).toEqual([null, null]);
    expect(gallery.validation.map((n) => n.code)).toEqual(['COORDINATES_DROPPED']);
  });

  it('gives an open time the first free hour, and drops an end before the start', () => {
    const { proposals } = reviewProposals(
      [
        proposal({ title: 'Museum', startTime: null, endTime: null }),
        proposal({ title: 'Walk', startTime: '16:00', endTime: '15:00' }),
      ],
      context,
    );
    const byTitle = Object.fromEntries(proposals.map((p) => [p.title, p]));
    // 09:00–12:00 is the workshop: 14:00 is the first listed hour that collides with nothing.
    expect(byTitle['Museum'].startTime).toBe('14:00');
    expect(byTitle['Museum'].validation.map((n) => n.code)).toEqual(['TIME_ASSUMED']);
    expect(byTitle['Walk'].activity.endsAt).toBeNull();
    expect(byTitle['Walk'].validation.map((n) => n.code)).toEqual(['END_DROPPED']);
  });

  it('leaves out a cost that is not an amount in a real currency', () => {
    const { proposals } = reviewProposals([proposal({ estimatedCost: { amount: 'free', currency: 'EUR' } })], context);
    expect(proposals[0].estimatedCost).toBeNull();
    expect(proposals[0].activity.cost).toBeNull();
    expect(proposals[0].validation.map((n) => n.code)).toEqual(['COST_DROPPED']);
  });

  it('reads at most MAX_PROPOSALS items and reports the rest and unreadable ones in one line each', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      i === 0 ? null : proposal({ title: `Item ${i}`, date: '2026-03-11', startTime: null, endTime: null }),
    );
    const { proposals, dropped } = reviewProposals(many, context);
    expect(proposals.length).toBeLessThanOrEqual(MAX_PROPOSALS);
    expect(dropped.length).toBeLessThanOrEqual(MAX_PROPOSALS + 1);
    expect(dropped[0]).toEqual({
      title: `${10_000 - MAX_PROPOSALS} more proposals`,
      reasons: [expect.objectContaining({ code: 'TOO_MANY' })],
    });
    expect(dropped.some((entry) => entry.reasons[0].code === 'UNREADABLE')).toBe(true);
  });
});

describe('plainText', () => {
  it('keeps text, removes tags, scripts and control characters', () => {
    expect(plainText('a <i>b</i>\u0000 c <style>x{}</style>d')).toBe('a b c d');
    expect(plainText('line one\n<br>\nline two', true)).toBe('line one\nline two');
  });
});
