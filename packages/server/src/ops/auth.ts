// Bearer tokens (RFC 6750): random secrets handed out once; the index keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { sendError } from '../errors.js';
import type { ArchiveIndex } from '../index/types.js';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new token: 32 random bytes, base64url, prefixed so it is recognisable in a secret scanner. */
export const newToken = (): string => 'dcmkit_' + randomBytes(32).toString('base64url');

/** Creates a token named `name`, stores its hash, and returns the token (shown once). */
export async function createToken(index: ArchiveIndex, name: string): Promise<string> {
  const token = newToken();
  await index.addToken(name, tokenHash(token));
  return token;
}

/** An onRequest hook answering 401 unless `Authorization: Bearer <token>` names a known token. */
export function bearerAuth(index: ArchiveIndex): onRequestHookHandler {
  return async (request, reply) => {
    const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(request.headers.authorization ?? '');
    if (m && (await index.hasToken(tokenHash(m[1]!)))) return;
    reply.header('WWW-Authenticate', m ? 'Bearer error="invalid_token"' : 'Bearer');
    return sendError(reply, 401, m ? 'unknown bearer token' : 'an Authorization: Bearer token is required');
  };
}
