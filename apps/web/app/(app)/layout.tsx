import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { ServerSession } from '@/components/session/server-session';
import { AppShell } from '@/components/shell/app-shell';
import { acceptedLocale } from '@/lib/format/accept-language';
import { EARLY_REFRESH_SCRIPT } from '@/lib/session/early-refresh';
import { serverUser } from '@/lib/session/server-api';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [user, incoming] = await Promise.all([serverUser(), headers()]);
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: EARLY_REFRESH_SCRIPT }} />
      <ServerSession user={user} locale={acceptedLocale(incoming.get('accept-language'))}>
        <AppShell>{children}</AppShell>
      </ServerSession>
    </>
  );
}
