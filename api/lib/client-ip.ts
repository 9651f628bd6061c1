/**
 * The client's network address, for per-IP rate limits only (never stored: rate-limit keys are hashed).
 * Behind a reverse proxy (TRUST_PROXY=true) the proxy's `X-Forwarded-For` is used — its last entry,
 * the one the trusted proxy appended. IPv6 addresses are reduced to their /64 network, since one
 * household or facility usually holds a whole /64.
 */

/** Normalise an address: IPv4-mapped IPv6 to IPv4, IPv6 to its /64 prefix. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (!trimmed.includes(':')) return trimmed;
  const [head = '', tail = ''] = trimmed.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = trimmed.includes('::')
    ? [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups]
    : trimmed.split(':');
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/**
 * The client address from the proxy header (when trusted) or the socket.
 * @returns a normalised address, or 'unknown' when there is none (e.g. in-process tests).
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  socketAddress: string | null | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(',').pop()?.trim();
    if (last) return normaliseAddress(last);
  }
  return socketAddress ? normaliseAddress(socketAddress) : 'unknown';
}
