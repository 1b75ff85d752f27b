import type { FastifyReply } from 'fastify';

/**
 * Aborted when the client goes away before its answer is complete, so the model call it asked for
 * is cancelled instead of running (and being paid for) to the end.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
