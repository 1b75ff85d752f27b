import type { Metadata } from 'next';
import { PolicyClient } from './policy-client';

export const metadata: Metadata = { title: 'Travel policy' };

export default function PolicyPage() {
  return <PolicyClient />;
}
