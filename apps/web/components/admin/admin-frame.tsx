'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { WaitingBadge } from '@/components/approvals/waiting-badge';
import { useUser } from '@/components/session/session-provider';
import { ButtonLink, EmptyState } from '@/components/ui';
import { useApprovalsWaiting } from '@/lib/api/approvals';
import type { Role } from '@/lib/api/organization';
import styles from './admin-frame.module.css';

const SECTIONS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/admin/approvals', label: 'Approvals', roles: ['admin', 'manager'] },
  { href: '/admin/trips', label: 'Organization trips', roles: ['admin', 'manager'] },
  { href: '/admin/bookings', label: 'Bookings', roles: ['admin', 'manager'] },
  { href: '/admin/reports', label: 'Reports', roles: ['admin', 'manager'] },
  { href: '/admin/statements', label: 'Statements', roles: ['admin', 'manager'] },
  { href: '/admin/people', label: 'Where are my people', roles: ['admin', 'manager'] },
  { href: '/admin/members', label: 'Members', roles: ['admin', 'manager'] },
  { href: '/admin/invitations', label: 'Invitations', roles: ['admin'] },
  { href: '/admin/policy', label: 'Travel policy', roles: ['admin', 'manager'] },
  { href: '/admin/payment-method', label: 'Payment method', roles: ['admin'] },
  { href: '/admin/audit', label: 'Audit log', roles: ['admin'] },
  { href: '/admin/outbox', label: 'Mail outbox', roles: ['admin'] },
  { href: '/admin/ai-usage', label: 'AI usage', roles: ['admin'] },
];

function NoAccess({ what }: { what: string }) {
  return (
    <EmptyState
      icon="lock"
      title={`No access to ${what}`}
      action={<ButtonLink href="/dashboard">Back to the dashboard</ButtonLink>}
    >
      Your role does not include it. If you need it, ask an admin of your organization to change your role.
    </EmptyState>
  );
}

/**
 * On a narrow screen the section links scroll sideways: says so (a fade and an arrow on the side
 * with more links) and brings the current section into view.
 */
function useScrollHint(current: string | undefined) {
  const ref = useRef<HTMLElement>(null);
  const [more, setMore] = useState({ before: false, after: false });
  useEffect(() => {
    const nav = ref.current;
    if (!nav) return;
    const update = () => {
      const horizontal = nav.scrollWidth > nav.clientWidth + 1;
      setMore({
        before: horizontal && nav.scrollLeft > 1,
        after: horizontal && nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1,
      });
    };
    nav.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest', inline: 'center' });
    update();
    nav.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      nav.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [current]);
  return { ref, more };
}

/** The admin area's frame: section navigation by role, and a clear "no access" for the others. */
export function AdminFrame({ children }: { children: ReactNode }) {
  const user = useUser();
  const pathname = usePathname();
  if (user.role === 'traveller') {
    return (
      <>
        <h1 className="sr-only">Admin area</h1>
        <NoAccess what="the admin area" />
      </>
    );
  }
  const sections = SECTIONS.filter((section) => section.roles.includes(user.role));
  const current = SECTIONS.find((section) => pathname === section.href || pathname.startsWith(`${section.href}/`));
  return (
    <div className={styles.frame}>
      <AdminNav sections={sections} current={current} />
      <div className={styles.content}>
        {current && !current.roles.includes(user.role) ? <NoAccess what={current.label.toLowerCase()} /> : children}
      </div>
    </div>
  );
}

type Section = (typeof SECTIONS)[number];

function AdminNav({ sections, current }: { sections: Section[]; current: Section | undefined }) {
  const { ref, more } = useScrollHint(current?.href);
  const waiting = useApprovalsWaiting(useUser().role);
  return (
    <div className={styles.navWrap} data-more-before={more.before} data-more-after={more.after}>
      <nav ref={ref} className={styles.nav} aria-label="Admin">
        <span className={styles.navTitle}>Admin</span>
        {sections.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className={styles.link}
            aria-current={section === current ? 'page' : undefined}
          >
            {section.label}
            {section.href === '/admin/approvals' && <WaitingBadge count={waiting} />}
          </Link>
        ))}
      </nav>
      <span className={styles.moreAfter} aria-hidden="true">
        ›
      </span>
      <span className={styles.moreBefore} aria-hidden="true">
        ‹
      </span>
    </div>
  );
}
