import type { NextConfig } from 'next';

/**
 * The browser talks to one origin: /api/* is forwarded to the NestMap API. `next build` fixes the
 * rewrite target into the build, so API_URL must be set when building (and the /session/* route
 * handlers read it again at run time).
 */
// Default: the API of `npm start` on this machine (PORT, as the API itself reads it).
const apiUrl = (process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 5000}`).replace(/\/$/, '');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A second build (the browser e2e, pointing at its own API) goes to .next/e2e, beside the main one.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiUrl}/api/:path*` }];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      // Capability page (docs/security.md S29): the later rule wins for the same header.
      {
        source: '/reset-password',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex' },
        ],
      },
    ];
  },
};

export default config;
