// Error replies: a status and a JSON body naming what was wrong, never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PixelDataError } from '@dcmkit/pixel';

/** An error with an HTTP status; `parameter` names the query parameter or path segment at fault. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** The body of every error reply. */
export interface ErrorBody {
  status: number;
  error: string;
  parameter?: string;
}

/** Sends `status` with an ErrorBody. */
export function sendError(reply: FastifyReply, status: number, message: string, parameter?: string): FastifyReply {
  const body: ErrorBody = parameter === undefined ? { status, error: message } : { status, error: message, parameter };
  return reply.code(status).type('application/json').send(body);
}

/**
 * The app's error handler: HttpErrors and fastify's client errors as they are; stored Pixel Data that
 * cannot be decoded as 500 saying why (without the file's path); anything else as 500 (logged).
 */
export function replyToError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return sendError(reply, error.status, error.message, error.parameter);
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return sendError(reply, status, error.message);
  if (error instanceof PixelDataError) {
    const message = `the stored Pixel Data cannot be decoded: ${error.frame === undefined ? '' : `frame ${error.frame + 1}: `}${error.reason}`;
    request.log.warn({ kind: error.kind }, message);
    return sendError(reply, 500, message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'internal server error');
}
