import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
}

/**
 * Writes `request` to the server byte for byte (fetch and node:http refuse malformed requests)
 * and parses the answer. `chunks` after the first are sent `intervalMs` apart (a slow client).
 */
export function rawHttp(baseUrl: string, request: string | string[], intervalMs = 0): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const chunks = Array.isArray(request) ? [...request] : [request];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const sendNext = () => {
      const chunk = chunks.shift();
      if (chunk === undefined || socket.destroyed) return;
      socket.write(chunk);
      if (chunks.length) timer = setTimeout(sendNext, intervalMs);
    };
    socket.on('connect', sendNext);
    socket.on('data', (data) => {
      received += data.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const parsed = parse(received);
      if (parsed) resolve(parsed);
      else reject(new Error(`no HTTP response: ${JSON.stringify(received.slice(0, 200))}`));
    });
    // The server answers errors with Connection: close; stop reading once the body is complete.
    socket.on('data', () => {
      const parsed = parse(received);
      if (parsed && Buffer.byteLength(parsed.text) >= Number(parsed.headers['content-length'] ?? Infinity))
        socket.destroy();
    });
  });
}

function parse(raw: string): RawResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const text = raw.slice(end + 4);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (or not complete yet)
  }
  return { status, headers, body, text };
}
