import type { Activity } from '../activities/activity.entity';
import type { FlightSegment, FlightSlice, SupplierName } from '../flights/supplier/flight-supplier';

/** The columns of a flight activity (the rest: ids, position, rates, are the writer's). */
export type FlightActivity = Pick<
  Activity,
  | 'title'
  | 'type'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'endTimezone'
  | 'locationName'
  | 'latitude'
  | 'longitude'
  | 'notes'
  | 'costAmount'
  | 'costCurrency'
  | 'bookingReference'
>;

export interface BookedFlights {
  supplier: SupplierName;
  bookingReference: string;
  total: { amount: string; currency: string };
  slices: FlightSlice[];
}

/**
 * One `flight` activity per segment: it departs in its origin airport's zone and lands in its
 * destination's (`endTimezone`), carries the airline booking reference, and the first one carries
 * the booking's cost (the total for all passengers, counted once against the budget).
 */
export function flightActivities(booked: BookedFlights): FlightActivity[] {
  const segments = booked.slices.flatMap((slice) => slice.segments);
  const sandbox = booked.supplier === 'sandbox';
  return segments.map((segment, index) => ({
    title: `Flight ${segment.flightNumber} ${segment.origin.iataCode} → ${segment.destination.iataCode}`,
    type: 'flight' as const,
    startsAt: new Date(segment.departingAt),
    endsAt: new Date(segment.arrivingAt),
    timezone: segment.origin.timeZone,
    endTimezone: segment.destination.timeZone,
    locationName: `${segment.origin.name} (${segment.origin.iataCode})`.slice(0, 200),
    latitude: segment.origin.latitude,
    longitude: segment.origin.longitude,
    notes: [
      `${segment.marketingCarrier.name} ${segment.flightNumber}${segment.operatingCarrier.iataCode !== segment.marketingCarrier.iataCode ? `, operated by ${segment.operatingCarrier.name}` : ''}`,
      `to ${segment.destination.name} (${segment.destination.iataCode})`,
      `booking reference ${booked.bookingReference}`,
      index === 0 && segments.length > 1 ? `the cost is the whole booking's (${segments.length} flights)` : null,
      sandbox ? 'sandbox booking: not a real ticket' : null,
    ]
      .filter(Boolean)
      .join(' · '),
    costAmount: index === 0 ? booked.total.amount : null,
    costCurrency: index === 0 ? booked.total.currency : null,
    bookingReference: booked.bookingReference.slice(0, 100),
  }));
}

/** One line per flight for e-mails and the audit log: "LH400 FRA 2027-03-01 10:05 → JFK 2027-03-01 12:55". */
export function flightLines(slices: FlightSlice[]): string[] {
  return slices.flatMap((slice) => slice.segments.map(flightLine));
}

function flightLine(segment: FlightSegment): string {
  const local = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return `${segment.flightNumber} ${segment.origin.iataCode} ${local(segment.departingAt)} → ${segment.destination.iataCode} ${local(segment.arrivingAt)}`;
}
