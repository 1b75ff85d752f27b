import type { Metadata } from 'next';
import { PaymentMethodClient } from './payment-method-client';

// Rendered per request: the page reads Stripe Checkout's return (`?checkout=success`) from the query string.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Payment method' };

export default function PaymentMethodPage() {
  return <PaymentMethodClient />;
}
