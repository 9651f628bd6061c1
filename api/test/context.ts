/**
 * A service context for calling feature services directly in tests (as the pages do).
 */
import type { ServiceContext } from '../lib/service-context.ts';
import type { World } from './world.ts';

/** The service context of a world, at the current time (or `now`). */
export function serviceContextFor(world: Pick<World, 'db' | 'config'>, now?: number): ServiceContext {
  return {
    db: world.db,
    config: world.config,
    now: now ?? Math.floor(Date.now() / 1000),
    clientIp: '192.0.2.1',
    userAgent: null,
  };
}
