/**
 * The slice of the official `amadeus` SDK (11.0.0, untyped CommonJS) that the hotel adapter uses:
 * the client's options (`client/validator.js`), the hotel namespaces, and its responses and errors
 * (`client/response.js`, `client/errors.js`).
 */
declare module 'amadeus' {
  interface AmadeusResponse {
    statusCode?: number;
    result?: unknown;
    data?: unknown;
    headers?: Record<string, string | string[] | undefined>;
    parsed?: boolean;
  }

  interface AmadeusOptions {
    clientId: string;
    clientSecret: string;
    hostname?: 'test' | 'production';
    host?: string;
    port?: number;
    ssl?: boolean;
    logLevel?: 'silent' | 'warn' | 'debug';
    customAppId?: string;
    customAppVersion?: string;
    /** A Node http/https-compatible module: `request(options)` returning a ClientRequest. */
    http?: { request(options: Record<string, unknown>): import('node:http').ClientRequest };
  }

  type Get = (params: Record<string, unknown>) => Promise<AmadeusResponse>;

  class Amadeus {
    constructor(options: AmadeusOptions);
    referenceData: { locations: { hotels: { byGeocode: { get: Get } } } };
    shopping: {
      hotelOffersSearch: { get: Get };
      hotelOfferSearch(offerId: string): { get(params?: Record<string, unknown>): Promise<AmadeusResponse> };
    };
    booking: { hotelOrders: { post(params: unknown): Promise<AmadeusResponse> } };
  }

  export = Amadeus;
}
