import { NextResponse, type NextRequest } from 'next/server';
import { callAuthApi, clearSessionCookies, csrfRejection, REFRESH_COOKIE } from '@/lib/session/session-server';

export const dynamic = 'force-dynamic';

/** Revokes the refresh token at the API (best effort) and always clears the cookies. */
export async function POST(request: NextRequest) {
  const rejected = csrfRejection(request);
  if (rejected) return rejected;
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  if (refreshToken) await callAuthApi(request, 'logout', { refreshToken });
  const response = new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  clearSessionCookies(response);
  return response;
}
