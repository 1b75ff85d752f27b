'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { WaitingBadge } from '@/components/approvals/waiting-badge';
import { useSession } from '@/components/session/session-provider';
import { Button, Loading } from '@/components/ui';
import { useApprovalsWaiting } from '@/lib/api/approvals';
import { signOut } from '@/lib/session/session-client';
import styles from './app-shell.module.css';
import { Logo } from './logo';
import { NotificationBell } from './notification-bell';

interface NavItem {
  href: string;
  label: string;
  /** Also current for paths below it. */
  prefix?: boolean;
  roles?: readonly string[];
}

const NAV: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/trips', label: 'My trips', prefix: true },
  { href: '/account/passenger-profile', label: 'Passenger profile' },
  { href: '/admin', label: 'Admin', prefix: true, roles: ['admin', 'manager'] },
];

/** The signed-in frame: header, navigation, and the gate that sends visitors to sign in. */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  const waiting = useApprovalsWaiting(session.status === 'signed-in' ? session.user.role : 'none');

  useEffect(() => {
    if (session.status === 'signed-out' && !signingOut) {
      const here = `${window.location.pathname}${window.location.search}`;
      const expired = session.reason === 'expired' ? '&expired=1' : '';
      router.replace(`/sign-in?next=${encodeURIComponent(here)}${expired}`);
    }
  }, [session, router, signingOut]);

  if (session.status !== 'signed-in') {
    return (
      <div className={styles.gate}>
        <Loading
          label={
            session.status === 'loading'
              ? 'Opening NestMap…'
              : session.reason === 'expired'
                ? 'Your session ended. Taking you to sign in…'
                : 'Taking you to sign in…'
          }
        />
      </div>
    );
  }

  const { user } = session;
  const isCurrent = (item: NavItem) => pathname === item.href || (item.prefix && pathname.startsWith(`${item.href}/`));

  return (
    <>
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link href="/dashboard" className={styles.brand}>
            <Logo />
            NestMap
          </Link>
          <nav className={styles.nav} aria-label="Main">
            {NAV.filter((item) => !item.roles || item.roles.includes(user.role)).map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className={styles.navLink}
                aria-current={isCurrent(item) ? 'page' : undefined}
              >
                {item.label}
                {item.href === '/admin' && <WaitingBadge count={waiting} />}
              </Link>
            ))}
          </nav>
          <div className={styles.user}>
            <NotificationBell />
            <div className={styles.userName}>
              <span>{user.name}</span>
              <span className={styles.userRole}>{user.role}</span>
            </div>
            <Button
              size="sm"
              variant="ghost"
              loading={signingOut}
              onClick={async () => {
                setSigningOut(true);
                await signOut();
                router.replace('/sign-in');
              }}
            >
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className={styles.main}>
        {children}
      </main>
    </>
  );
}
