'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { Schemas } from '@nestmap/api-client';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { PagedTable } from '@/components/admin/paged-list';
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  DialogActions,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Select,
  tableStyles,
  type Tone,
} from '@/components/ui';
import { describeError, hasErrorCode, splitFieldErrors } from '@/lib/api/api-error';
import { useCreateInvitation, useInvitations, useRevokeInvitation, type Invitation } from '@/lib/api/organization';
import { invitationSchema, ROLES, type InvitationFormValues } from '@/lib/forms/schemas';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

const STATUS_TONES: Record<Invitation['status'], Tone> = {
  pending: 'warning',
  accepted: 'success',
  revoked: 'neutral',
  expired: 'neutral',
};
const STATUS_LABELS: Record<Invitation['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};
const ROLE_HELP = {
  traveller: 'Plans and submits their own trips.',
  manager: 'Also approves trips and sees the organization’s travel.',
  admin: 'Also manages members, invitations, the policy and the audit log.',
};

export function InvitationsClient() {
  const [page, setPage] = useState(1);
  const invitations = useInvitations(page);
  const create = useCreateInvitation();
  const revoke = useRevokeInvitation();
  const [created, setCreated] = useState<Schemas['CreatedInvitationResponse'] | null>(null);
  const [copied, setCopied] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Invitation | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset, setError, control } = useForm<InvitationFormValues>({
    resolver: zodResolver(invitationSchema),
    defaultValues: { email: '', role: 'traveller' },
  });
  const role = useWatch({ control, name: 'role' });

  const confirmRevoke = async (invitation: Invitation) => {
    setRevokeError(null);
    try {
      await revoke.mutateAsync(invitation.id);
      setConfirming(null);
      setRevoked(invitation.email);
      // The link of a revoked invitation is dead: nothing left to share.
      if (created?.id === invitation.id) setCreated(null);
    } catch (error) {
      setConfirming(null);
      setRevokeError(describeError(error));
    }
  };

  const submit = handleSubmit(async (values) => {
    setErrors([]);
    setRevoked(null);
    setCopied(false);
    try {
      setCreated(await create.mutateAsync(values));
      reset({ email: '', role: values.role });
    } catch (error) {
      if (hasErrorCode(error, 'ALREADY_MEMBER')) {
        setError('email', {
          message: error.messages[0] ?? 'This person is already a member or has a pending invitation.',
        });
        return;
      }
      const split = splitFieldErrors(error, ['email', 'role'] as const);
      if (split.fields.email) setError('email', { message: split.fields.email });
      setErrors(split.general);
    }
  });

  return (
    <>
      <PageHeader title="Invitations" description="Invite colleagues by e-mail. Each link works once and expires." />
      <div className={styles.stack}>
        <Card title="Invite someone">
          <form onSubmit={submit} noValidate aria-label="Invite someone">
            {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
            <div className={styles.inviteForm}>
              <Field label="E-mail" error={formState.errors.email?.message}>
                <Input type="email" autoComplete="off" placeholder="colleague@company.com" {...register('email')} />
              </Field>
              <Field label="Role" error={formState.errors.role?.message}>
                <Select {...register('role')}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r.charAt(0).toUpperCase() + r.slice(1)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" variant="primary" loading={formState.isSubmitting}>
                Send invitation
              </Button>
            </div>
            <p className={styles.facts}>{ROLE_HELP[role]}</p>
          </form>
          {created && (
            <Alert tone="success" title={`Invitation sent to ${created.email}`}>
              <p>
                They receive it by e-mail. You can also share the link yourself; it expires{' '}
                {formatTimestamp(created.expiresAt)}.
              </p>
              <div className={styles.inviteLink}>
                <Field label="Invitation link">
                  <Input
                    readOnly
                    value={created.inviteUrl}
                    onFocus={(event) => event.currentTarget.select()}
                    data-testid="invite-url"
                  />
                </Field>
                <Button
                  onClick={async () => {
                    await navigator.clipboard?.writeText(created.inviteUrl).catch(() => undefined);
                    setCopied(true);
                  }}
                >
                  {copied ? 'Copied' : 'Copy link'}
                </Button>
              </div>
            </Alert>
          )}
        </Card>
        <Card title="Sent invitations">
          {revokeError && <Alert tone="danger">{revokeError}</Alert>}
          {revoked && <Alert tone="success">The invitation for {revoked} is revoked: its link no longer works.</Alert>}
          <PagedTable
            query={invitations}
            caption="Invitations"
            noun={{ one: 'invitation', other: 'invitations' }}
            onPageChange={setPage}
            empty={
              <EmptyState icon="mail" title="No invitations yet">
                Invite your first colleague above: they choose a name and password from the link.
              </EmptyState>
            }
            columns={
              <>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </>
            }
            row={(invitation) => (
              <tr key={invitation.id}>
                <td data-label="E-mail">{invitation.email}</td>
                <td data-label="Role" style={{ textTransform: 'capitalize' }}>
                  {invitation.role}
                </td>
                <td data-label="Status">
                  <Badge tone={STATUS_TONES[invitation.status]}>{STATUS_LABELS[invitation.status]}</Badge>
                </td>
                <td data-label="Expires" className={`${tableStyles.muted} ${tableStyles.nowrap}`}>
                  {invitation.status === 'pending' ? formatTimestamp(invitation.expiresAt) : '—'}
                </td>
                <td>
                  <div className={tableStyles.actions}>
                    {invitation.status === 'pending' && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setRevokeError(null);
                          setRevoked(null);
                          setConfirming(invitation);
                        }}
                        aria-label={`Revoke the invitation for ${invitation.email}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            )}
          />
        </Card>
      </div>
      <Dialog
        open={confirming !== null}
        title={`Revoke the invitation for ${confirming?.email ?? ''}?`}
        onClose={() => setConfirming(null)}
      >
        <p>The link stops working at once, also if it was shared. You can invite this address again later.</p>
        <DialogActions>
          <Button variant="ghost" onClick={() => setConfirming(null)}>
            Keep the invitation
          </Button>
          <Button variant="danger" loading={revoke.isPending} onClick={() => confirming && confirmRevoke(confirming)}>
            Revoke invitation
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
