import type { Metadata } from 'next';
import { AiUsageClient } from './ai-usage-client';

export const metadata: Metadata = { title: 'AI usage' };

export default function AiUsagePage() {
  return <AiUsageClient />;
}
