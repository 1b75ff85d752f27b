'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert, Button, Loading } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useInvitationPreview, type InvitationPreview } from '@/lib/api/invitation-link';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '@/app/(auth)/auth.module.css';
import { AcceptInvitationForm } from './accept-invitation-form';

const ROLE_NAMES: Record<InvitationPreview['role'], string> = {
  traveller: 'a traveller',
  manager: 'a manager',
  admin: 'an admin',
};

function DeadLink({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1 className={styles.title}>{title}</h1>
      <p className={styles.lead}>{children}</p>
      <p className={styles.footer}>
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}

/**
 * The invitation link, checked as soon as it opens: who it is for (organization, e-mail, role),
 * and a used, revoked, expired or unknown link says so in one sentence before anyone types.
 */
export function InvitationPage({ token }: { token: string }) {
  const preview = useInvitationPreview(token);

  if (preview.isPending) return <Loading label="Checking your invitation…" />;
  if (preview.isError) {
    if (hasErrorCode(preview.error, 'NOT_FOUND', 'VALIDATION_FAILED')) {
      return (
        <DeadLink title="This invitation link is not valid">
          Check that you opened the whole link from the e-mail, or ask your admin to invite you again.
        </DeadLink>
      );
    }
    return (
      <Alert
        tone="danger"
        title="Your invitation could not be checked"
        actions={
          <Button size="sm" onClick={() => preview.refetch()}>
            Try again
          </Button>
        }
      >
        {describeError(preview.error)}
      </Alert>
    );
  }

  const invitation = preview.data;
  switch (invitation.status) {
    case 'accepted':
      return (
        <DeadLink title="This invitation was already used">
          Sign in as {invitation.email} to open {invitation.organizationName} on NestMap.
        </DeadLink>
      );
    case 'revoked':
      return (
        <DeadLink title="This invitation was withdrawn">
          {invitation.organizationName} revoked it; ask your admin to invite you again if you still need access.
        </DeadLink>
      );
    case 'expired':
      return (
        <DeadLink title="This invitation has expired">
          It ran out on {formatTimestamp(invitation.expiresAt)}; ask your admin at {invitation.organizationName} to
          invite you again.
        </DeadLink>
      );
    default:
      return (
        <AcceptInvitationForm
          token={token}
          invitation={invitation}
          roleName={ROLE_NAMES[invitation.role]}
          onLinkDied={() => void preview.refetch()}
        />
      );
  }
}
