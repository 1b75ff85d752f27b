'use client';

import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, Field, Textarea } from '@/components/ui';

interface RejectDialogProps {
  open: boolean;
  title: string;
  /** Said when the reason is left empty: why the other person needs one. */
  required: string;
  maxLength: number;
  /** Who receives the reason, and where. */
  hint: string;
  keepLabel: string;
  rejectLabel: string;
  /** The API's refusal, if the last try failed. */
  error: string | null;
  pending: boolean;
  onClose: () => void;
  onReject: (reason: string) => void;
}

/** Rejecting asks why: a required, bounded reason, empty again each time the dialog opens. */
export function RejectDialog({
  open,
  title,
  required,
  maxLength,
  hint,
  keepLabel,
  rejectLabel,
  error,
  pending,
  onClose,
  onReject,
}: RejectDialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setReason('');
      setReasonError(null);
    }
  }

  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = reason.trim();
          if (!text) return setReasonError(required);
          if (text.length > maxLength) return setReasonError(`At most ${maxLength} characters.`);
          setReasonError(null);
          onReject(text);
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-4)' }}
      >
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label="Reason" error={reasonError ?? undefined} hint={hint}>
          {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the dialog opens on the user's click; HTML's dialog focusing steps move focus to this control */}
          <Textarea autoFocus rows={4} value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <DialogActions>
          <Button variant="ghost" onClick={onClose}>
            {keepLabel}
          </Button>
          <Button type="submit" variant="danger" loading={pending}>
            {rejectLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
