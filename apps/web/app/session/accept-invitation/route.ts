import type { NextRequest } from 'next/server';
import { startSession } from '@/lib/session/session-server';

export const dynamic = 'force-dynamic';

export function POST(request: NextRequest) {
  return startSession(request, 'accept-invitation', ['token', 'name', 'password']);
}
