/** @jest-environment node */
import { briefingEvents, serverSentData } from './sse';

/** A body delivered in exactly these chunks, as a network may split it. */
function body(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('serverSentData', () => {
  it('yields each event’s data, joining its data lines and ignoring comments and other fields', async () => {
    const stream = body(
      ': keep-alive\n\n',
      'event: message\nid: 1\ndata: one\ndata:two\n\n',
      'retry: 10\ndata: three\n\n',
    );
    await expect(collect(serverSentData(stream))).resolves.toEqual(['one\ntwo', 'three']);
  });

  it('puts back together lines and characters split across chunks, with CRLF line ends', async () => {
    const euro = new TextEncoder().encode('data: 5 €\r\n\r\n');
    const stream = body('da', 'ta: hel', 'lo\r\n', '\r\n', euro.slice(0, 9), euro.slice(9));
    await expect(collect(serverSentData(stream))).resolves.toEqual(['hello', '5 €']);
  });

  it('drops an event the stream ended in the middle of', async () => {
    await expect(collect(serverSentData(body('data: whole\n\ndata: cut off')))).resolves.toEqual(['whole']);
  });
});

describe('briefingEvents', () => {
  it('parses the briefing’s JSON events and skips lines that are not one', async () => {
    const stream = body(
      'data: {"type":"delta","text":"Morning: "}\n\n',
      'data: not json\n\n',
      'data: {"type":"delta"}\n\n',
      'data: {"type":"delta","text":"meeting at 09:00"}\n\n',
      'data: {"type":"error","code":"AI_MODEL_TIMEOUT","message":"The model did not answer in time."}\n\n',
      'data: {"type":"done"}\n\n',
    );
    await expect(collect(briefingEvents(stream))).resolves.toEqual([
      { type: 'delta', text: 'Morning: ' },
      { type: 'delta', text: 'meeting at 09:00' },
      { type: 'error', code: 'AI_MODEL_TIMEOUT', message: 'The model did not answer in time.' },
      { type: 'done' },
    ]);
  });
});
