// QIDO-RS query parameters (PS3.18 8.3.4) into a QidoQuery.
import { lookupKeyword, tagHex } from '@dcmkit/core';
import type { QidoQuery, QueryLevel } from './query.js';

/** A query parameter the origin server cannot use (answered 400 naming it). */
export class QueryParameterError extends Error {
  override readonly name = 'QueryParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

/** An attribute ID (PS3.18 8.3.4.1): a keyword or 8 hex digits, '.'-joined into sequence items; as an upper-case tag path. */
export function attributePath(attributeID: string): string | undefined {
  const parts = attributeID.split('.');
  const tags = parts.map((p) => (/^[0-9A-Fa-f]{8}$/.test(p) ? p.toUpperCase() : lookupKeyword(p) ? tagHex(lookupKeyword(p)!.tag) : undefined));
  return tags.every((t) => t !== undefined) ? tags.join('.') : undefined;
}

function nonNegativeInteger(name: string, value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new QueryParameterError(name, `expected a non-negative integer, got "${value}"`);
  return Number(value);
}

function booleanParameter(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new QueryParameterError(name, `expected true or false, got "${value}"`);
}

/**
 * Parses the query parameters of a search at `level`, scoped by the UIDs of the path.
 * Matching values are kept as given (see QidoQuery.match); an attribute may be given once.
 */
export function parseQidoQuery(level: QueryLevel, params: Iterable<[string, string]>, scope: { study?: string; series?: string } = {}): QidoQuery {
  const query: QidoQuery = { level, match: new Map(), includeFields: [], fuzzyMatching: false, offset: 0 };
  if (scope.study !== undefined) query.studyInstanceUID = scope.study;
  if (scope.series !== undefined) query.seriesInstanceUID = scope.series;
  const includes: string[] = [];
  for (const [name, value] of params) {
    switch (name) {
      case 'includefield':
        for (const field of value.split(',')) {
          if (field === 'all') query.includeFields = 'all';
          else includes.push(attributePath(field) ?? fail(name, `unknown attribute "${field}"`));
        }
        break;
      case 'fuzzymatching':
        query.fuzzyMatching = booleanParameter(name, value);
        break;
      case 'limit':
        query.limit = nonNegativeInteger(name, value);
        break;
      case 'offset':
        query.offset = nonNegativeInteger(name, value);
        break;
      default: {
        const path = attributePath(name);
        if (!path) throw new QueryParameterError(name, 'not a query parameter or attribute keyword/tag');
        if (query.match.has(path)) throw new QueryParameterError(name, 'given more than once');
        query.match.set(path, value);
      }
    }
  }
  if (query.includeFields !== 'all') query.includeFields = includes;
  return query;
}

const fail = (parameter: string, message: string): never => {
  throw new QueryParameterError(parameter, message);
};
