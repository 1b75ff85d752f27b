'use client';

import { useState } from 'react';
import { PagedTable } from '@/components/admin/paged-list';
import { Badge, Card, EmptyState, PageHeader, tableStyles, type Tone } from '@/components/ui';
import { useOutbox } from '@/lib/api/organization';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

const STATUS_TONES: Record<string, Tone> = { pending: 'warning', delivered: 'success', failed: 'danger' };
const STATUS_LABELS: Record<string, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };

/** Every e-mail NestMap sent (or tried to): without SendGrid configured, this is where they are read. */
export function OutboxClient() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useOutbox(page);

  return (
    <>
      <PageHeader
        title="Mail outbox"
        description="E-mails NestMap sent for your organization. Without a SendGrid key they stay here (delivered via “outbox”). Invitation links are shown as [hidden]: they are for the invitee; copy a link when you create the invitation."
      />
      <Card>
        <PagedTable
          query={outbox}
          caption="Mail outbox"
          noun={{ one: 'e-mail', other: 'e-mails' }}
          onPageChange={setPage}
          empty={
            <EmptyState icon="inbox" title="No e-mail yet">
              Invitations, approval requests and decisions are e-mailed; each appears here.
            </EmptyState>
          }
          columns={
            <>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </>
          }
          row={(mail) => (
            <tr key={mail.id}>
              <td data-label="To">{mail.to}</td>
              <td data-label="Subject">
                <button
                  type="button"
                  className={styles.linkButton}
                  aria-expanded={open === mail.id}
                  onClick={() => setOpen(open === mail.id ? null : mail.id)}
                >
                  {mail.subject}
                </button>
                {open === mail.id && <pre className={styles.mailText}>{mail.text}</pre>}
              </td>
              <td data-label="Status">
                <Badge tone={STATUS_TONES[mail.status] ?? 'neutral'}>{STATUS_LABELS[mail.status] ?? mail.status}</Badge>
                {mail.deliveredVia && <span className={tableStyles.muted}> via {mail.deliveredVia}</span>}
                {mail.lastError && <div className={styles.bad}>{mail.lastError}</div>}
              </td>
              <td data-label="Created" className={`${tableStyles.nowrap} ${tableStyles.muted}`}>
                {formatTimestamp(mail.createdAt)}
              </td>
            </tr>
          )}
        />
      </Card>
    </>
  );
}
