'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useUser } from '@/components/session/session-provider';
import { Alert, Button, Card, EmptyState, LoadError, Loading, PageHeader } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { usePaymentMethod, useRemoveCard, useStartCheckout, type PaymentMethod } from '@/lib/api/payments';
import { brandName } from '@/lib/payments/payment-label';
import styles from '../admin.module.css';

const STATEMENTS = '/admin/statements';

/** Checkout sends the admin back before Stripe's webhook has told us about the card: look again for a little while. */
function useWaitForCard(waiting: boolean, method: ReturnType<typeof usePaymentMethod>) {
  const [tries, setTries] = useState(0);
  const hasCard = Boolean(method.data?.card);
  useEffect(() => {
    if (!waiting || hasCard || tries >= 10) return;
    const timer = setTimeout(() => {
      setTries((n) => n + 1);
      void method.refetch();
    }, 1500);
    return () => clearTimeout(timer);
  }, [waiting, hasCard, tries, method]);
  return waiting && !hasCard && tries < 10;
}

function SavedCard({ card }: { card: NonNullable<PaymentMethod['card']> }) {
  const expiry =
    card.expMonth && card.expYear ? `, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}` : '';
  return (
    <p className={styles.cardLine}>
      <strong>
        {brandName(card.brand)} ···· {card.last4}
      </strong>
      {expiry}
    </p>
  );
}

/** Admin → Payment method: the organization's card for bookings, saved and replaced through Stripe Checkout. */
export function PaymentMethodClient() {
  const user = useUser();
  const search = useSearchParams();
  const returned = search.get('checkout');
  const method = usePaymentMethod();
  const checkout = useStartCheckout();
  const remove = useRemoveCard();
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const waiting = useWaitForCard(returned === 'success', method);

  if (user.role !== 'admin') {
    return (
      <EmptyState icon="lock" title="Admins only">
        The organization’s card is managed by its admins.
      </EmptyState>
    );
  }

  const openCheckout = () =>
    checkout.mutate(undefined, { onSuccess: (session) => window.location.assign(session.url) });
  const data = method.data;

  return (
    <>
      <PageHeader title="Payment method" description="How your organization pays for the flights and stays it books." />
      <div className={styles.stack}>
        {method.isPending && <Loading />}
        {method.error && <LoadError error={method.error} onRetry={() => method.refetch()} />}
        {returned === 'cancelled' && <Alert tone="info">Checkout was closed: nothing changed.</Alert>}
        {waiting && <Alert tone="info">Stripe is confirming your card; it shows here in a moment.</Alert>}
        {data && !data.cardPayments && (
          <Card title="Invoiced monthly">
            <p>
              Card payments are not set up for this NestMap, so bookings are invoiced to your organization: each month’s
              bookings and refunds are on the monthly statement.
            </p>
            <p>
              <Link href={STATEMENTS}>See the monthly statements</Link>
            </p>
          </Card>
        )}
        {data?.cardPayments && (
          <Card
            title="Organization card"
            description="Bookings are charged to this card when the supplier confirms them, and refunded to it when they are cancelled. The card number is entered at Stripe and never reaches NestMap."
          >
            {data.card ? (
              <SavedCard card={data.card} />
            ) : (
              <p className={styles.cardLine}>No card — bookings are invoiced to your organization.</p>
            )}
            {checkout.error && <Alert tone="danger">{describeError(checkout.error)}</Alert>}
            {remove.error && <Alert tone="danger">{describeError(remove.error)}</Alert>}
            {confirmingRemoval ? (
              <Alert
                tone="warning"
                title="Remove the card?"
                actions={
                  <>
                    <Button
                      variant="danger"
                      loading={remove.isPending}
                      onClick={() => remove.mutate(undefined, { onSuccess: () => setConfirmingRemoval(false) })}
                    >
                      Remove the card
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirmingRemoval(false)}>
                      Keep it
                    </Button>
                  </>
                }
              >
                New bookings will be invoiced to your organization. Bookings already paid by card keep their payment.
              </Alert>
            ) : (
              <div className={styles.cardActions}>
                <Button variant="primary" loading={checkout.isPending} onClick={openCheckout}>
                  {data.card ? 'Replace card' : 'Add card'}
                </Button>
                {data.card && (
                  <Button variant="ghost" onClick={() => setConfirmingRemoval(true)}>
                    Remove
                  </Button>
                )}
              </div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
