import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GeocoderResponseError, GeocoderSettings, geocoderSearchUrl, parseGeocoderResponse } from './geocoder';
import type { PlaceResult } from './place-search';
import { foldForSearch } from './search-key';

/** Answers are kept this long: autocomplete repeats queries, and public instances ask for few requests. */
const CACHE_TTL_MS = 10 * 60_000;
const CACHE_ENTRIES = 1000;
/** A place search answer is a few kB; anything much larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The configured geocoder (`GEOCODER_URL`), or none. `search` never throws: a timeout, an error
 * status or an unreadable answer yields no places, logged once when the geocoder starts failing
 * and once when it answers again, so a geocoder outage never breaks the bundled search.
 */
@Injectable()
export class GeocoderClient {
  private readonly logger = new Logger('Geocoder');
  private readonly settings?: GeocoderSettings;
  private readonly cache = new Map<string, { expires: number; places: PlaceResult[] }>();
  private failing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.geocoder;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  async search(query: string, limit: number): Promise<PlaceResult[]> {
    if (!this.settings) return [];
    const key = `${limit}|${foldForSearch(query)}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.places.map((place) => ({ ...place }));
    try {
      const places = (await this.fetchPlaces(this.settings, query, limit)).slice(0, limit);
      this.remember(key, places);
      if (this.failing) this.logger.log('Geocoder answers again');
      this.failing = false;
      return places.map((place) => ({ ...place }));
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(
          { reason: describe(error) },
          'Geocoder unavailable: place search answers from bundled data only',
        );
      }
      this.failing = true;
      return [];
    }
  }

  private async fetchPlaces(settings: GeocoderSettings, query: string, limit: number): Promise<PlaceResult[]> {
    const response = await fetch(geocoderSearchUrl(settings, query, limit), {
      headers: { 'User-Agent': settings.userAgent, Accept: 'application/json' },
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new GeocoderResponseError(`HTTP ${response.status}`);
    }
    const body = await readCapped(response, MAX_BODY_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new GeocoderResponseError('answer is not JSON');
    }
    return parseGeocoderResponse(settings.kind, json);
  }

  private remember(key: string, places: PlaceResult[]): void {
    this.cache.delete(key);
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { expires: Date.now() + CACHE_TTL_MS, places });
  }
}

/** The body as text, refused once it passes `maxBytes` (a chunked answer has no length to check first). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes || !response.body) {
    await response.body?.cancel();
    throw new GeocoderResponseError(response.body ? 'answer too large' : 'empty answer');
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new GeocoderResponseError('answer too large');
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What went wrong, without the URL (it carries the user's query). */
function describe(error: unknown): string {
  if (error instanceof GeocoderResponseError) return error.message;
  // The timeout is a DOMException, not always an `Error` of this realm: read its name.
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (typeof cause?.code === 'string') return cause.code;
  return typeof name === 'string' ? name : 'unknown error';
}
