/**
 * Pre-signed, expiring download URLs for A042's 307 redirect: the simulator's stand-in for the
 * object store e-RS redirects to. The signature is an HMAC of the binary id and expiry under a
 * per-server secret, so a URL cannot be forged or extended.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a redirect location stays valid. */
export const PRESIGNED_TTL_SECONDS = 60;
/** The object store path prefix (outside /FHIR: it is not an e-RS endpoint and takes no e-RS headers). */
export const OBJECT_STORE_PREFIX = '/object-store/attachments';

function signature(secret: Buffer, binaryId: string, expires: number): string {
  return createHmac('sha256', secret).update(`${binaryId}\n${expires}`).digest('hex');
}

/** The path and query of a pre-signed download URL valid until `nowMs + ttl`. */
export function presignPath(secret: Buffer, binaryId: string, nowMs: number, ttlSeconds = PRESIGNED_TTL_SECONDS): string {
  const expires = Math.floor(nowMs / 1000) + ttlSeconds;
  return `${OBJECT_STORE_PREFIX}/${encodeURIComponent(binaryId)}?X-Expires=${expires}&X-Signature=${signature(secret, binaryId, expires)}`;
}

export type PresignedCheck = 'ok' | 'expired' | 'bad-signature';

/** Checks a download request's expiry and signature. */
export function checkPresigned(
  secret: Buffer,
  binaryId: string,
  expires: string | undefined,
  sig: string | undefined,
  nowMs: number,
): PresignedCheck {
  if (!expires || !/^\d+$/.test(expires) || !sig || !/^[0-9a-f]{64}$/.test(sig)) return 'bad-signature';
  const expected = Buffer.from(signature(secret, binaryId, Number(expires)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad-signature';
  return Number(expires) * 1000 < nowMs ? 'expired' : 'ok';
}
