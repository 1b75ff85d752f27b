import { Badge, Button } from '@/components/ui';
import type { StayRate } from '@/lib/api/stays';
import { isBookable, verdictBadge } from '@/lib/flights/flight-offers';
import { BOARD_LABELS, cancellationText, starsLabel } from '@/lib/stays/stay-rates';
import { formatMoney } from '@/lib/trips/money';
import styles from '@/components/flights/flights.module.css';

export interface StayRateCardProps {
  rate: StayRate;
  nights: number;
  onBook(rate: StayRate): void;
}

/** One rate of one hotel: the hotel (stars, address), the room and board, cancellation, price and the policy's verdict. */
export function StayRateCard({ rate, nights, onBook }: StayRateCardProps) {
  const badge = verdictBadge(rate.policy);
  const stars = starsLabel(rate.property.stars);
  const { address } = rate.property;
  return (
    <li
      className={styles.offer}
      aria-label={`${rate.property.name}, ${rate.roomName}, ${formatMoney(rate.totalAmount)}`}
    >
      <div className={styles.offerMain}>
        <p className={styles.airlines}>
          {rate.property.name}
          {stars && (
            <span className={styles.cabin} title={stars.spoken}>
              <span aria-hidden="true">{stars.visual}</span>
              <span className="sr-only">{stars.spoken}</span>
            </span>
          )}
        </p>
        <p className={styles.facts}>
          <span>{[address.lineOne, [address.postalCode, address.cityName].filter(Boolean).join(' ')].join(', ')}</span>
          {rate.distanceKm !== null && <span>{rate.distanceKm.toLocaleString()} km away</span>}
        </p>
        <p className={styles.facts}>
          <span>
            {rate.roomName}, {BOARD_LABELS[rate.board]}
          </span>
          <span>{cancellationText(rate.cancellation)}</span>
          {rate.dueAtProperty && <span>+ {formatMoney(rate.dueAtProperty)} at the hotel</span>}
        </p>
        {rate.policy.reasons.length > 0 && (
          <details className={styles.reasons}>
            <summary>{badge.why}</summary>
            <ul>
              {rate.policy.reasons.map((reason) => (
                <li key={reason.rule}>{reason.message}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className={styles.offerSide}>
        <p className={styles.price}>{formatMoney(rate.totalAmount)}</p>
        <p className={styles.hint}>
          {formatMoney(rate.nightlyRate)} a night{nights > 1 ? ` · ${nights} nights` : ''}
        </p>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {!rate.bookable ? (
          <span className={styles.notBookable}>Compare only: book this hotel with your travel agent</span>
        ) : isBookable(rate.policy) ? (
          <Button variant={rate.policy.verdict === 'in_policy' ? 'primary' : 'secondary'} onClick={() => onBook(rate)}>
            Book
          </Button>
        ) : (
          <span className={styles.notBookable}>Not bookable under the policy</span>
        )}
      </div>
    </li>
  );
}
