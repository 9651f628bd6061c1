/**
 * Development only: an Astro integration that serves the Hono API under /api from the Astro dev
 * server, so `npm run dev` hot-reloads the site and the API together (Vite reloads changed API
 * modules on the next request).
 */
import type { AstroIntegration } from 'astro';
import type * as Listener from './listener.ts';

/** Mount the API on the Astro dev server. */
export function apiDevServer(): AstroIntegration {
  return {
    name: 'sasaeai-api-dev-server',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          if (req.url !== '/api' && !req.url?.startsWith('/api/')) return next();
          server
            .ssrLoadModule('/api/dev/listener.ts')
            .then((module) => (module as typeof Listener).listener(req, res))
            .catch(next);
        });
      },
    },
  };
}
