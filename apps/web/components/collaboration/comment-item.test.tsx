import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { useDeleteComment, useUpdateComment, type Comment } from '@/lib/api/collaboration';
import { CommentItem } from './comment-item';

jest.mock('@/lib/api/collaboration', () => ({ useUpdateComment: jest.fn(), useDeleteComment: jest.fn() }));
const mutate = jest.fn();
const writing = (error: unknown = null) =>
  ({ mutate, reset: jest.fn(), error, isPending: false }) as unknown as ReturnType<typeof useUpdateComment>;

const COMMENT = {
  id: 'c1',
  tripId: 't1',
  activityId: null,
  author: { id: 'u1', name: 'Ada Author' },
  body: 'Book the 9:40 train',
  mentionedUserIds: [],
  version: 3,
  edited: false,
  createdAt: '2026-03-01T10:00:00Z',
  allowedActions: ['edit', 'delete'],
} as unknown as Comment;

describe('CommentItem', () => {
  beforeEach(() => {
    mutate.mockReset();
    jest.mocked(useDeleteComment).mockReturnValue(writing() as unknown as ReturnType<typeof useDeleteComment>);
  });

  it('edits its own comment in place from the version it read', () => {
    jest.mocked(useUpdateComment).mockReturnValue(writing());
    render(
      <ul>
        <CommentItem tripId="t1" comment={COMMENT} people={[]} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Edit your comment'), { target: { value: 'Book the 10:40 train' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(mutate).toHaveBeenCalledWith({ id: 'c1', body: 'Book the 10:40 train', version: 3 }, expect.anything());
  });

  it('explains a stale version instead of showing a bare conflict', () => {
    jest
      .mocked(useUpdateComment)
      .mockReturnValue(writing(new ApiError(409, ['stale'], undefined, undefined, 'COMMENT_VERSION_STALE')));
    render(
      <ul>
        <CommentItem tripId="t1" comment={COMMENT} people={[]} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('alert').textContent).toMatch(/changed elsewhere meanwhile/);
  });

  it("offers no edit on someone else's comment", () => {
    jest.mocked(useUpdateComment).mockReturnValue(writing());
    render(
      <ul>
        <CommentItem tripId="t1" comment={{ ...COMMENT, allowedActions: [] }} people={[]} />
      </ul>,
    );
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  });
});
