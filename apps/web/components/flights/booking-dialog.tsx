'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, ButtonLink, Dialog, DialogActions, Field, Select } from '@/components/ui';
import { ApiError, describeError, hasErrorCode } from '@/lib/api/api-error';
import { useBookFlight, type Booking, type BookingBody, type FlightOffer } from '@/lib/api/flights';
import { usePolicy } from '@/lib/api/organization';
import { useMyPassengerProfile } from '@/lib/api/passenger-profile';
import type { StayRate } from '@/lib/api/stays';
import type { TripDetail } from '@/lib/api/trips';
import { BOARD_LABELS, cancellationText } from '@/lib/stays/stay-rates';
import { idempotencyKeys, offerAirlines, verdictBadge, wantsReasonCode } from '@/lib/flights/flight-offers';
import { formatMoney } from '@/lib/trips/money';
import { paymentLabel } from '@/lib/payments/payment-label';
import styles from './flights.module.css';

type Money = BookingBody['acceptedPrice'];

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (HTTPS or localhost). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A flight offer, or a stay rate: the one booking route takes either. */
export type BookingDialogProps = {
  trip: TripDetail;
  userId: string;
  onClose(): void;
  /** The offer (rate) expired: close and search again. */
  onSearchAgain(): void;
} & ({ offer: FlightOffer; rate?: never } | { rate: StayRate; offer?: never });

const WORDS = {
  flight: {
    people: ['one passenger', 'passengers', 'Passengers'],
    book: 'Book flight',
    booked: 'Flight booked',
    priceChanged: 'FLIGHT_OFFER_PRICE_CHANGED',
    expired: ['FLIGHT_OFFER_EXPIRED', 'FLIGHT_SEARCH_EXPIRED'],
    seller: 'The airline re-priced this offer',
    other: 'choose another flight',
    onItinerary: 'The flights are now on the trip’s itinerary.',
    waiting: 'The airline has not answered yet',
  },
  stay: {
    people: ['one guest', 'guests', 'Guests'],
    book: 'Book stay',
    booked: 'Stay booked',
    priceChanged: 'STAY_RATE_PRICE_CHANGED',
    expired: ['STAY_RATE_EXPIRED', 'STAY_SEARCH_EXPIRED'],
    seller: 'The hotel re-quoted this rate',
    other: 'choose another rate',
    onItinerary: 'The stay is now on the trip’s itinerary.',
    waiting: 'The hotel has not answered yet',
  },
} as const;

/**
 * Books one offer for the trip's travellers. Mounted once per opening, so its Idempotency-Keys
 * (one per body) live as long as the dialog: "Try again" after a lost answer never orders twice.
 */
export function BookingDialog({ trip, userId, offer, rate, onClose, onSearchAgain }: BookingDialogProps) {
  const item = offer ?? rate!;
  const words = WORDS[rate ? 'stay' : 'flight'];
  const book = useBookFlight(trip.id);
  // The dialog leaves the page when it closes (before <dialog> could restore focus): focus goes back to
  // its opener, read while rendering, before showModal moves focus into the dialog.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      if (opener?.isConnected) opener.focus();
    },
    [opener],
  );
  const keyFor = useRef(idempotencyKeys(newKey)).current;
  const [reasonCode, setReasonCode] = useState('');
  const [reasonAsked, setReasonAsked] = useState(wantsReasonCode(item.policy));
  const [acceptedPrice, setAcceptedPrice] = useState<Money | null>(null);
  const [newPrice, setNewPrice] = useState<Money | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; code?: string } | null>(null);
  // Opened by a click on "Book": focus starts on the dialog's question (the reason), else on its
  // confirmation. After <dialog>'s own focusing, which picks the first link (this effect runs after
  // the Dialog's showModal: a parent's effects run after its children's).
  const form = useRef<HTMLFormElement>(null);
  // The API may ask for a reason only on submit: focus moves to the picker then too.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, button[type="submit"]')?.focus();
  }, [reasonAsked]);
  const policy = usePolicy({ enabled: reasonAsked });
  const reasonCodes = policy.data?.reasonCodes ?? [];
  const travelsOnIt = trip.travellers.some((traveller) => traveller.id === userId);
  const myProfile = useMyPassengerProfile();
  const badge = verdictBadge(item.policy);
  const price = acceptedPrice ?? item.totalAmount;

  const submit = async (accepting: Money | null = acceptedPrice) => {
    setRefusal(null);
    const body: BookingBody = {
      ...(rate ? { stayRateId: rate.id } : { offerId: item.id }),
      ...(reasonAsked && reasonCode ? { reasonCode } : {}),
      ...(accepting ? { acceptedPrice: accepting } : {}),
    };
    try {
      setBooking(await book.mutateAsync({ body, idempotencyKey: keyFor(body) }));
      setNewPrice(null);
    } catch (error) {
      if (hasErrorCode(error, words.priceChanged)) {
        const rose = error.details?.newTotal;
        if (rose) {
          setNewPrice(rose);
          return;
        }
      }
      if (hasErrorCode(error, 'POLICY_REASON_REQUIRED')) setReasonAsked(true);
      setRefusal({ message: describeError(error), code: error instanceof ApiError ? error.code : undefined });
    }
  };

  const title = booking
    ? bookingTitle(booking, words.booked)
    : `Book ${rate ? rate.property.name : offerAirlines(offer!).join(', ')}`;

  return (
    <Dialog open title={title} onClose={onClose}>
      {booking ? (
        <BookingOutcome booking={booking} tripId={trip.id} words={words} onClose={onClose} />
      ) : (
        <form
          ref={form}
          className={styles.dialogForm}
          aria-label={rate ? 'Book this stay' : 'Book this flight'}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {item.supplier === 'sandbox' && <SandboxLabel />}
          {rate && (
            <p className={styles.hint}>
              {rate.roomName}, {BOARD_LABELS[rate.board]} · {cancellationText(rate.cancellation)}
              {rate.dueAtProperty && ` · + ${formatMoney(rate.dueAtProperty)} paid at the hotel`}
            </p>
          )}
          <p className={styles.dialogPrice}>
            <strong>{formatMoney(price)}</strong> for{' '}
            {trip.travellers.length === 1 ? words.people[0] : `${trip.travellers.length} ${words.people[1]}`}{' '}
            <span className={styles.dialogBadge}>{badge.label}</span>
          </p>
          <div>
            <h3 className={styles.dialogHeading}>{words.people[2]}</h3>
            <ul className={styles.passengers}>
              {trip.travellers.map((traveller) => (
                <li key={traveller.id}>{traveller.id === userId ? `${traveller.name} (you)` : traveller.name}</li>
              ))}
            </ul>
            <p className={styles.hint}>
              Booked with each traveller’s passenger profile.{' '}
              {travelsOnIt && myProfile.data === null ? (
                <>
                  You have none yet: <Link href="/account/passenger-profile">fill in my passenger profile</Link>.
                </>
              ) : (
                <Link href="/account/passenger-profile">My passenger profile</Link>
              )}
            </p>
          </div>
          {item.policy.verdict === 'needs_approval' && (
            <Alert tone="warning">Out of policy: the booking waits for an approver before anything is ordered.</Alert>
          )}
          {reasonAsked && (
            <Field
              label="Reason for booking out of policy"
              hint="Recorded with the booking for your organization’s reports."
            >
              <Select value={reasonCode} onChange={(event) => setReasonCode(event.target.value)} required>
                <option value="">Choose a reason…</option>
                {reasonCodes.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {newPrice && (
            <Alert tone="warning" title={`The price rose to ${formatMoney(newPrice)}`}>
              {words.seller} since the search (it showed {formatMoney(price)}). Book at the new price, or go back and{' '}
              {words.other}.
            </Alert>
          )}
          {refusal && (
            <Alert tone="danger">
              {refusal.message}{' '}
              {refusal.code === 'PASSENGER_PROFILE_INCOMPLETE' && (
                <Link href="/account/passenger-profile">Open my passenger profile</Link>
              )}
            </Alert>
          )}
          <DialogActions>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            {refusal?.code && (words.expired as readonly string[]).includes(refusal.code) ? (
              <Button variant="primary" onClick={onSearchAgain}>
                Search again
              </Button>
            ) : newPrice ? (
              <Button
                variant="primary"
                loading={book.isPending}
                onClick={() => {
                  setAcceptedPrice(newPrice);
                  void submit(newPrice);
                }}
              >
                Book at {formatMoney(newPrice)}
              </Button>
            ) : (
              <Button type="submit" variant="primary" loading={book.isPending} disabled={reasonAsked && !reasonCode}>
                {item.policy.verdict === 'needs_approval' ? 'Ask for approval' : refusal ? 'Try again' : words.book}
              </Button>
            )}
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}

function bookingTitle(booking: Booking, booked: string): string {
  if (booking.status === 'confirmed') return booked;
  if (booking.status === 'pending_approval') return 'Waiting for approval';
  if (booking.status === 'ordering') return 'Booking in progress';
  return 'Booking not made';
}

function BookingOutcome({
  booking,
  tripId,
  words,
  onClose,
}: {
  booking: Booking;
  tripId: string;
  words: (typeof WORDS)[keyof typeof WORDS];
  onClose(): void;
}) {
  return (
    <>
      {booking.supplier === 'sandbox' && <SandboxLabel />}
      {booking.status === 'confirmed' && (
        <Alert
          tone="success"
          title={booking.bookingReference ? `Confirmed: booking reference ${booking.bookingReference}` : 'Confirmed'}
        >
          {formatMoney(booking.price)} — {paymentLabel(booking.payment)}. {words.onItinerary}
        </Alert>
      )}
      {booking.status === 'pending_approval' && (
        <Alert tone="info" title="Sent for approval">
          An approver has been asked; nothing is ordered until they approve. You will get an e-mail either way.
        </Alert>
      )}
      {booking.status === 'ordering' && (
        <Alert tone="info" title={words.waiting}>
          The booking finishes by itself; its status shows in the trip’s bookings.
        </Alert>
      )}
      {booking.failure && <Alert tone="danger">{booking.failure.message}</Alert>}
      <DialogActions>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
        <ButtonLink variant="primary" href={`/trips/${tripId}`}>
          Back to the trip
        </ButtonLink>
      </DialogActions>
    </>
  );
}

export function SandboxLabel() {
  return (
    <p className={styles.sandbox} role="note">
      Sandbox — not a real booking
    </p>
  );
}
