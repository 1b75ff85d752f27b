import { Badge, Button } from '@/components/ui';
import type { FlightOffer } from '@/lib/api/flights';
import {
  CABIN_LABELS,
  conditionText,
  isBookable,
  offerAirlines,
  segmentTimes,
  sliceDepartureDate,
  stopsLabel,
  verdictBadge,
} from '@/lib/flights/flight-offers';
import { formatDuration } from '@/lib/format/duration';
import { formatMoney } from '@/lib/trips/money';
import { formatDay } from '@/lib/time/zoned-time';
import styles from './flights.module.css';

function SliceLine({ slice }: { slice: FlightOffer['slices'][number] }) {
  const first = slice.segments[0];
  const last = slice.segments[slice.segments.length - 1];
  const date = sliceDepartureDate(slice);
  const departs = segmentTimes(first, date).departs;
  const { arrives, dayShift } = segmentTimes(last, date);
  const via = slice.segments.slice(1).map((segment) => segment.origin.iataCode);
  return (
    <li className={styles.slice}>
      <span className={styles.sliceDay}>{formatDay(date)}</span>
      <span className={styles.sliceTimes}>
        <strong>{departs}</strong> <abbr title={first.origin.name}>{slice.origin.iataCode}</abbr>
        <span aria-hidden="true"> → </span>
        <span className="sr-only"> to </span>
        <strong>{arrives}</strong>
        {dayShift > 0 && (
          <sup className={styles.dayShift} title={`Lands ${dayShift} day${dayShift > 1 ? 's' : ''} later`}>
            +{dayShift}
          </sup>
        )}{' '}
        <abbr title={last.destination.name}>{slice.destination.iataCode}</abbr>
      </span>
      <span className={styles.sliceMeta}>
        {formatDuration(slice.durationMinutes)} · {stopsLabel(slice.stops)}
        {via.length > 0 && ` via ${via.join(', ')}`} · {slice.segments.map((s) => s.flightNumber).join(', ')}
      </span>
    </li>
  );
}

export interface FlightOfferCardProps {
  offer: FlightOffer;
  onBook(offer: FlightOffer): void;
}

/** One offer: when and how it flies (local times at each airport), its price, and the policy's verdict. */
export function FlightOfferCard({ offer, onBook }: FlightOfferCardProps) {
  const badge = verdictBadge(offer.policy);
  const airlines = offerAirlines(offer).join(', ');
  const refund = conditionText('refund', offer.conditions.refundBeforeDeparture);
  const change = conditionText('change', offer.conditions.changeBeforeDeparture);
  const bookable = isBookable(offer.policy);
  return (
    <li className={styles.offer} aria-label={`${airlines}, ${formatMoney(offer.totalAmount)}`}>
      <div className={styles.offerMain}>
        <p className={styles.airlines}>
          {airlines}
          <span className={styles.cabin}>{CABIN_LABELS[offer.cabin]}</span>
        </p>
        <ul className={styles.slices}>
          {offer.slices.map((slice, index) => (
            <SliceLine key={index} slice={slice} />
          ))}
        </ul>
        <p className={styles.facts}>
          {offer.emissionsKg !== null && <span>{Math.round(offer.emissionsKg).toLocaleString()} kg CO₂</span>}
          {refund && <span>{refund}</span>}
          {change && <span>{change}</span>}
        </p>
        {offer.policy.reasons.length > 0 && (
          <details className={styles.reasons}>
            <summary>{badge.why}</summary>
            <ul>
              {offer.policy.reasons.map((reason) => (
                <li key={`${reason.rule}-${reason.slices.join()}`}>
                  {reason.message}
                  {offer.slices.length > 1 &&
                    ` (${reason.slices.map((i) => (i === 0 ? 'outbound' : i === 1 ? 'return' : `flight ${i + 1}`)).join(', ')})`}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className={styles.offerSide}>
        <p className={styles.price}>{formatMoney(offer.totalAmount)}</p>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {bookable ? (
          <Button
            variant={offer.policy.verdict === 'in_policy' ? 'primary' : 'secondary'}
            onClick={() => onBook(offer)}
          >
            Book
          </Button>
        ) : (
          <span className={styles.notBookable}>Not bookable under the policy</span>
        )}
      </div>
    </li>
  );
}
