import type { Metadata } from 'next';
import { StatementsClient } from './statements-client';

export const metadata: Metadata = { title: 'Statements' };

export default function StatementsPage() {
  return <StatementsClient />;
}
