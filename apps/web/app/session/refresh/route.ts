import { NextResponse, type NextRequest } from 'next/server';
import {
  callAuthApi,
  csrfRejection,
  REFRESH_COOKIE,
  sessionProblem,
  toSessionResponse,
} from '@/lib/session/session-server';

export const dynamic = 'force-dynamic';

/** Rotates the refresh token in the cookie and returns a new access token to the page. */
export async function POST(request: NextRequest) {
  const rejected = csrfRejection(request);
  if (rejected) return rejected;
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  if (!refreshToken) return sessionProblem(401, 'Not signed in');
  const answer = await callAuthApi(request, 'refresh', { refreshToken });
  if (answer instanceof NextResponse) return answer;
  return toSessionResponse(answer, { clearCookieOnError: true });
}
