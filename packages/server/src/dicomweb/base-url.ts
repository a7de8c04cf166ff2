import type { FastifyRequest } from 'fastify';

/** The absolute URL of the DICOMweb root as the client reached it (for Retrieve URLs). */
export const baseUrl = (request: FastifyRequest): string => `${request.protocol}://${request.host}/dicomweb`;
