'use client';

import { Fragment, useState } from 'react';
import { RejectDialog } from '@/components/approvals/reject-dialog';
import { Alert, Button, Dialog, DialogActions, Field, Select, Textarea } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { usePolicy } from '@/lib/api/organization';
import { useTripTransition, type Trip } from '@/lib/api/trips';
import { availableActions, type LifecycleAction } from '@/lib/trips/lifecycle';

const LABELS: Record<LifecycleAction, string> = {
  submit: 'Submit for approval',
  approve: 'Approve',
  reject: 'Reject…',
  cancel: 'Cancel trip…',
};

const DONE: Record<LifecycleAction, string> = {
  submit: 'Submitted: an approver has been notified.',
  approve: 'Approved: the traveller has been notified.',
  reject: 'Rejected: the traveller has been notified with your reason.',
  cancel: 'The trip is cancelled.',
};

export interface TripActionsProps {
  trip: Trip;
  size?: 'sm' | 'md';
  onDone?(action: LifecycleAction, trip: Trip): void;
  /** Only some actions (e.g. approve/reject in the approvals queue). */
  only?: LifecycleAction[];
  /** A 409 (someone else changed the trip meanwhile): the caller refreshes and explains it instead. */
  onConflict?(action: LifecycleAction): void;
  /** Also offer "Approve with a comment…" (the traveller reads the comment on the trip page). */
  commentOnApprove?: boolean;
}

/** The lifecycle steps the API allows this user on this trip now (its `allowedActions`); reject asks for a reason. */
export function TripActions({ trip, size = 'md', onDone, only, onConflict, commentOnApprove }: TripActionsProps) {
  const transition = useTripTransition();
  const [dialog, setDialog] = useState<'reject' | 'cancel' | 'approve' | 'reasonCode' | null>(null);
  // Submitting an out-of-policy trip under an "allowed with a reason" policy: the API asks for one.
  const [policyRefusal, setPolicyRefusal] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const policy = usePolicy({ enabled: dialog === 'reasonCode' });
  const reasonCodes = policy.data?.outOfPolicy === 'allowed_with_reason' ? policy.data.reasonCodes : [];
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const actions = availableActions(trip).filter((action) => !only || only.includes(action));

  const run = async (action: LifecycleAction, withReason?: string, withReasonCode?: string) => {
    setError(null);
    try {
      const updated = await transition.mutateAsync({
        id: trip.id,
        action,
        reason: withReason,
        reasonCode: withReasonCode,
      });
      setDialog(null);
      setReason('');
      onDone?.(action, updated);
    } catch (err) {
      if (action === 'submit' && hasErrorCode(err, 'POLICY_BLOCKED')) {
        setPolicyRefusal(describeError(err));
        setDialog('reasonCode');
        return;
      }
      if (onConflict && hasErrorCode(err, 'TRIP_ILLEGAL_TRANSITION')) {
        setDialog(null);
        return onConflict(action);
      }
      setError(describeError(err));
    }
  };

  if (actions.length === 0) return null;

  return (
    <>
      {actions.map((action) => (
        <Fragment key={action}>
          <Button
            size={size}
            variant={
              action === 'submit' || action === 'approve' ? 'primary' : action === 'reject' ? 'danger' : 'secondary'
            }
            loading={transition.isPending && transition.variables?.action === action}
            disabled={transition.isPending}
            onClick={() => (action === 'reject' || action === 'cancel' ? setDialog(action) : run(action))}
          >
            {LABELS[action]}
          </Button>
          {action === 'approve' && commentOnApprove && (
            <Button
              size={size}
              variant="secondary"
              disabled={transition.isPending}
              onClick={() => {
                setReason('');
                setDialog('approve');
              }}
            >
              Approve with a comment…
            </Button>
          )}
        </Fragment>
      ))}
      {error && !dialog && (
        <div style={{ flexBasis: '100%' }}>
          <Alert tone="danger">{error}</Alert>
        </div>
      )}
      <RejectDialog
        open={dialog === 'reject'}
        title={`Reject “${trip.title}”`}
        required="Tell the traveller why, so they can plan again."
        maxLength={1000}
        hint="The traveller receives it by e-mail; it is kept in the audit log."
        keepLabel="Keep it submitted"
        rejectLabel="Reject trip"
        error={error}
        pending={transition.isPending}
        onClose={() => setDialog(null)}
        onReject={(text) => void run('reject', text)}
      />
      <Dialog open={dialog === 'approve'} title={`Approve “${trip.title}”`} onClose={() => setDialog(null)}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run('approve', reason.trim() || undefined);
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-4)' }}
        >
          {error && <Alert tone="danger">{error}</Alert>}
          <Field label="Comment" optional hint="The traveller reads it on the trip page and in the e-mail.">
            <Textarea
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the dialog opens on the user's click; HTML's dialog focusing steps move focus to this control
              autoFocus
              rows={3}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
          <DialogActions>
            <Button variant="ghost" onClick={() => setDialog(null)}>
              Back
            </Button>
            <Button type="submit" variant="primary" loading={transition.isPending}>
              Approve trip
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      <Dialog open={dialog === 'reasonCode'} title="Out of travel policy" onClose={() => setDialog(null)}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reasonCode) void run('submit', undefined, reasonCode);
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-4)' }}
        >
          <p>{policyRefusal}</p>
          {error && <Alert tone="danger">{error}</Alert>}
          {reasonCodes.length > 0 && (
            <Field label="Your reason" hint="Recorded with the trip for your organization's reports.">
              <Select value={reasonCode} onChange={(event) => setReasonCode(event.target.value)}>
                <option value="">Choose a reason…</option>
                {reasonCodes.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <DialogActions>
            <Button variant="ghost" onClick={() => setDialog(null)}>
              Keep it a draft
            </Button>
            {reasonCodes.length > 0 && (
              <Button type="submit" variant="primary" disabled={!reasonCode} loading={transition.isPending}>
                Submit with this reason
              </Button>
            )}
          </DialogActions>
        </form>
      </Dialog>
      <Dialog open={dialog === 'cancel'} title={`Cancel “${trip.title}”?`} onClose={() => setDialog(null)}>
        {error && <Alert tone="danger">{error}</Alert>}
        <p>A cancelled trip cannot be reopened; its itinerary is kept for the record.</p>
        <DialogActions>
          <Button variant="ghost" onClick={() => setDialog(null)}>
            Keep the trip
          </Button>
          <Button variant="danger" loading={transition.isPending} onClick={() => run('cancel')}>
            Cancel trip
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export { DONE as TRIP_ACTION_DONE };
