import { DateTime } from 'luxon';
import type { Activity } from '../activities/activity.entity';
import type { FlightSegment, FlightSlice, SupplierName } from '../flights/supplier/flight-supplier';
import { nearestCity } from '../places/places.index';
import type { StayAtProperty, StayCancellationPolicy, StayProperty } from '../stays/supplier/stay-supplier';

/** The columns of a booked activity, flight or lodging (the rest: ids, position, rates, are the writer's). */
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

/** When guests may arrive and must leave where the property does not say. */
const DEFAULT_CHECK_IN = '15:00';
const DEFAULT_CHECK_OUT = '11:00';

export interface BookedLodging {
  supplier: SupplierName;
  stay: StayAtProperty;
  roomName: string;
  board: string;
  /** The property's confirmation number, when the supplier gave one. */
  reference: string | null;
  total: { amount: string; currency: string };
  cancellation: StayCancellationPolicy;
  /** The zone when the property has no coordinates (the trip's). */
  fallbackZone: string;
}

/**
 * The `lodging` activity of a booked stay: from check-in to check-out at the property's times
 * (15:00 and 11:00 where it gives none), local in the zone of the bundled city nearest to it, at
 * its address and coordinates, carrying the confirmation number and the booking's total as cost.
 */
export function lodgingActivity(booked: BookedLodging): FlightActivity {
  const { property, checkInDate, checkOutDate, rooms } = booked.stay;
  const zone = stayZone(property, booked.fallbackZone);
  const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
  const nights = Math.round((Date.parse(checkOutDate) - Date.parse(checkInDate)) / 86_400_000);
  return {
    title: property.name.slice(0, 200),
    type: 'lodging' as const,
    startsAt: at(checkInDate, property.checkInAfter ?? DEFAULT_CHECK_IN),
    endsAt: at(checkOutDate, property.checkOutBefore ?? DEFAULT_CHECK_OUT),
    timezone: zone,
    endTimezone: null,
    locationName: addressLine(property).slice(0, 200),
    latitude: property.latitude,
    longitude: property.longitude,
    notes: [
      `${rooms > 1 ? `${rooms} × ` : ''}${booked.roomName}, ${booked.board.replace('_', ' ')}, ${nights} night${nights === 1 ? '' : 's'}`,
      booked.reference ? `confirmation number ${booked.reference}` : null,
      cancellationLine(booked.cancellation),
      booked.supplier === 'sandbox' ? 'sandbox booking: not a real reservation' : null,
    ]
      .filter(Boolean)
      .join(' · '),
    costAmount: booked.total.amount,
    costCurrency: booked.total.currency,
    bookingReference: booked.reference?.slice(0, 100) ?? null,
  };
}

/** The IANA zone of the property: its nearest bundled city's, in its country. */
export function stayZone(property: StayProperty, fallback: string): string {
  if (property.latitude === null || property.longitude === null) return fallback;
  return nearestCity(property.latitude, property.longitude, property.address.countryCode).timezone;
}

/** "12 rue Pasteur, 75009 Paris, FR" (the activity's title is the hotel's name). */
export function addressLine(property: StayProperty): string {
  const { lineOne, postalCode, cityName, countryCode } = property.address;
  return [lineOne, [postalCode, cityName].filter(Boolean).join(' '), countryCode].join(', ');
}

/** One line for e-mails and the audit log: "Hotel Opera Paris, 12 rue Pasteur, … 2027-03-01 → 2027-03-04". */
export function stayLine(stay: StayAtProperty): string {
  return `${stay.property.name}, ${addressLine(stay.property)}: ${stay.checkInDate} → ${stay.checkOutDate}, ${stay.rooms} room${stay.rooms === 1 ? '' : 's'}`;
}

function cancellationLine(policy: StayCancellationPolicy): string {
  const last = policy.timeline.at(-1);
  if (!policy.refundable || !last) return 'non-refundable';
  return `cancelling before ${last.before.slice(0, 16).replace('T', ' ')} UTC refunds ${last.refund.amount} ${last.refund.currency}`;
}
