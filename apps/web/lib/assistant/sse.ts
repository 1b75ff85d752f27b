/**
 * Reads a `text/event-stream` body (the API's streamed answers) and yields the `data` of each
 * event: consecutive `data:` lines joined by newlines, an event ending at a blank line. Comments
 * (`:` keep-alives), `event:`/`id:`/`retry:` fields and a trailing unfinished event are ignored.
 */
export async function* serverSentData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      // stream: true keeps a character split across two chunks whole.
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece may be half a line: it waits for the next chunk.
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export type BriefingEvent =
  { type: 'delta'; text: string } | { type: 'done' } | { type: 'error'; code: string; message: string };

const isBriefingEvent = (value: unknown): value is BriefingEvent => {
  const event = value as Partial<Record<string, unknown>> | null;
  if (typeof event !== 'object' || event === null) return false;
  if (event.type === 'delta') return typeof event.text === 'string';
  if (event.type === 'error') return typeof event.code === 'string' && typeof event.message === 'string';
  return event.type === 'done';
};

/** The briefing's events in order; anything that is not one (a malformed line) is skipped. */
export async function* briefingEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<BriefingEvent> {
  for await (const data of serverSentData(body)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      continue;
    }
    if (isBriefingEvent(parsed)) yield parsed;
  }
}
