'use client';

import { useState } from 'react';
import { Button, Dialog, DialogActions, Select } from '@/components/ui';
import type { Member, Role } from '@/lib/api/organization';
import { ROLES } from '@/lib/forms/schemas';
import styles from '../admin.module.css';

export const ROLE_LABELS: Record<Role, string> = { traveller: 'Traveller', manager: 'Manager', admin: 'Admin' };

export interface RoleEditorProps {
  member: Member;
  busy: boolean;
  onSave(role: Role): Promise<void>;
}

/**
 * A member's role: choosing one changes nothing until "Save role" (WCAG 3.2.2: a select does not
 * act on its own), and making someone an admin asks first.
 */
export function RoleEditor({ member, busy, onSave }: RoleEditorProps) {
  const [draft, setDraft] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const changed = draft !== member.role;

  const save = async () => {
    setConfirming(false);
    await onSave(draft);
  };

  return (
    <div className={styles.roleEditor}>
      <Select
        aria-label={`Role of ${member.name}`}
        value={draft}
        disabled={busy}
        onChange={(event) => setDraft(event.target.value as Role)}
        style={{ minWidth: 130 }}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </Select>
      {changed && (
        <>
          <Button
            size="sm"
            variant="primary"
            loading={busy}
            onClick={() => (draft === 'admin' ? setConfirming(true) : void save())}
            aria-label={`Save role for ${member.name}`}
          >
            Save role
          </Button>
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => setDraft(member.role)}>
            Undo
          </Button>
        </>
      )}
      <Dialog open={confirming} title={`Make ${member.name} an admin?`} onClose={() => setConfirming(false)}>
        <p>
          Admins manage members and their roles, invitations, the travel policy and the audit log, and can take the
          admin role from others, including you.
        </p>
        <DialogActions>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep {ROLE_LABELS[member.role].toLowerCase()}
          </Button>
          <Button variant="primary" loading={busy} onClick={() => void save()}>
            Make admin
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
