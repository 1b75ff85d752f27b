import type { NextConfig } from 'next';

/** The browser talks to one origin: /api/* is forwarded to the NestMap API. */
const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 5000}`;

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiUrl}/api/:path*` }];
  },
};

export default config;
