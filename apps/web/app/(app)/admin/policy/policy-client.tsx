'use client';

import { useRole } from '@/components/session/session-provider';
import { Card, LoadError, Loading, PageHeader } from '@/components/ui';
import { usePolicy } from '@/lib/api/organization';
import { formatTimestamp } from '@/lib/time/zoned-time';
import { PolicyForm } from './policy-form';

export function PolicyClient() {
  const { isAdmin } = useRole();
  const policy = usePolicy();
  return (
    <>
      <PageHeader
        title="Travel policy"
        description={
          isAdmin
            ? 'The rules trips and bookings are checked against when they are submitted. Approvers see every broken rule.'
            : 'The rules trips and bookings are checked against when they are submitted. Only admins change them.'
        }
      />
      <Card
        description={
          policy.data
            ? `Version ${policy.data.version}, last changed ${formatTimestamp(policy.data.updatedAt)}`
            : undefined
        }
        title="Policy"
      >
        {policy.isPending ? (
          <Loading />
        ) : policy.isError ? (
          <LoadError error={policy.error} onRetry={() => policy.refetch()} />
        ) : (
          <PolicyForm policy={policy.data} readOnly={!isAdmin} onReload={async () => (await policy.refetch()).data} />
        )}
      </Card>
    </>
  );
}
