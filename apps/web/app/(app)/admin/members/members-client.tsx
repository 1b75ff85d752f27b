'use client';

import { useState } from 'react';
import { PagedTable } from '@/components/admin/paged-list';
import { useRole, useUser } from '@/components/session/session-provider';
import { Alert, Badge, Button, ButtonLink, Card, EmptyState, PageHeader, tableStyles } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useMembers, useUpdateMember, type Member, type Role } from '@/lib/api/organization';
import { formatTimestamp } from '@/lib/time/zoned-time';
import { ROLE_LABELS, RoleEditor } from './role-editor';

/** Members and their roles; admins change roles and deactivate, managers read. */
export function MembersClient() {
  const me = useUser();
  const { isAdmin } = useRole();
  const [page, setPage] = useState(1);
  const members = useMembers(page);
  const update = useUpdateMember();
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const change = async (member: Member, body: { role?: Role; active?: boolean }, done: string) => {
    setMessage(null);
    try {
      await update.mutateAsync({ userId: member.id, body });
      setMessage({ tone: 'success', text: done });
    } catch (error) {
      setMessage({ tone: 'danger', text: describeError(error) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={
          isAdmin
            ? 'Everyone in your organization. Change roles or deactivate people who left.'
            : 'Everyone in your organization.'
        }
        actions={
          isAdmin && (
            <ButtonLink href="/admin/invitations" variant="primary">
              Invite people
            </ButtonLink>
          )
        }
      />
      {message && (
        <div style={{ marginBottom: 'var(--space-4)' }}>
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
      <Card>
        <PagedTable
          query={members}
          caption="Members of the organization"
          noun={{ one: 'member', other: 'members' }}
          onPageChange={setPage}
          loadingLabel="Loading members…"
          // Only the caller on the first page: nobody to manage yet.
          isEmpty={(list) => list.items.length <= 1 && list.page === 1}
          empty={
            <EmptyState
              icon="people"
              title="It is just you so far"
              action={
                isAdmin && (
                  <ButtonLink href="/admin/invitations" variant="primary">
                    Invite colleagues
                  </ButtonLink>
                )
              }
            >
              Invite travellers to plan trips, and managers to approve them.
            </EmptyState>
          }
          columns={
            <>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
          row={(member) => {
            const self = member.id === me.id;
            return (
              <tr key={member.id}>
                <td data-label="Name">
                  <strong>{member.name}</strong> {self && <Badge tone="primary">You</Badge>}{' '}
                  {!member.active && <Badge tone="danger">Deactivated</Badge>}
                </td>
                <td data-label="E-mail" className={tableStyles.muted}>
                  {member.email}
                </td>
                <td data-label="Role">
                  {isAdmin && member.active ? (
                    <RoleEditor
                      key={`${member.id}:${member.role}`}
                      member={member}
                      busy={update.isPending && update.variables?.userId === member.id}
                      onSave={(role) =>
                        change(member, { role }, `${member.name} is now ${ROLE_LABELS[role].toLowerCase()}.`)
                      }
                    />
                  ) : (
                    ROLE_LABELS[member.role]
                  )}
                </td>
                <td data-label="Since" className={`${tableStyles.muted} ${tableStyles.nowrap}`}>
                  {formatTimestamp(member.createdAt).split(',')[0]}
                </td>
                <td>
                  <div className={tableStyles.actions}>
                    {isAdmin && (
                      <ButtonLink
                        size="sm"
                        href={`/admin/members/${member.id}/passenger-profile`}
                        aria-label={`Passenger profile of ${member.name}`}
                      >
                        Passenger profile
                      </ButtonLink>
                    )}
                    {isAdmin &&
                      !self &&
                      (member.active ? (
                        confirming === member.id ? (
                          <>
                            <Button
                              size="sm"
                              variant="danger"
                              loading={update.isPending}
                              onClick={() => change(member, { active: false }, `${member.name} can no longer sign in.`)}
                            >
                              Deactivate
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                              Keep
                            </Button>
                          </>
                        ) : (
                          <Button size="sm" variant="ghost" onClick={() => setConfirming(member.id)}>
                            Deactivate…
                          </Button>
                        )
                      ) : (
                        <Button
                          size="sm"
                          onClick={() => change(member, { active: true }, `${member.name} can sign in again.`)}
                        >
                          Reactivate
                        </Button>
                      ))}
                  </div>
                </td>
              </tr>
            );
          }}
        />
      </Card>
    </>
  );
}
