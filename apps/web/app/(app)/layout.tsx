import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { EARLY_REFRESH_SCRIPT } from '@/lib/session/early-refresh';

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: EARLY_REFRESH_SCRIPT }} />
      <AppShell>{children}</AppShell>
    </>
  );
}
