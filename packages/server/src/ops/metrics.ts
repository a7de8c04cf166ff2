// Prometheus text exposition (version 0.0.4) of request counts and durations and of stored instances.
import type { FastifyInstance } from 'fastify';

/** Upper bounds (seconds) of the request duration histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  readonly requests = new Map<string, number>();
  readonly durations = new Map<string, Histogram>();
  /** Instances stored (new or replaced) since start. */
  instancesStored = 0;
  /** Instances refused or failed in STOW-RS since start. */
  instancesFailed = 0;
  /** Bytes of the instances stored since start. */
  bytesStored = 0;

  /** Counts a request; `route` is the route pattern (no UIDs in labels). */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${escapeLabel(method)}",route="${escapeLabel(route)}"`;
    const counted = `${key},status="${status}"`;
    this.requests.set(counted, (this.requests.get(counted) ?? 0) + 1);
    let h = this.durations.get(key);
    if (!h) this.durations.set(key, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    // Cumulative buckets: each bound at or above `seconds`, from the largest down.
    for (let i = BUCKETS.length - 1; i >= 0 && seconds <= BUCKETS[i]!; i--) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  /** The exposition text. */
  render(): string {
    const out = [
      '# HELP dcmkit_http_requests_total HTTP requests by route and status.',
      '# TYPE dcmkit_http_requests_total counter',
      ...[...this.requests].map(([labels, n]) => `dcmkit_http_requests_total{${labels}} ${n}`),
      '# HELP dcmkit_http_request_duration_seconds HTTP request durations.',
      '# TYPE dcmkit_http_request_duration_seconds histogram',
    ];
    for (const [labels, h] of this.durations) {
      BUCKETS.forEach((le, i) => out.push(`dcmkit_http_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i]}`));
      out.push(`dcmkit_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`dcmkit_http_request_duration_seconds_sum{${labels}} ${h.sum}`, `dcmkit_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    out.push(
      '# HELP dcmkit_instances_stored_total Instances stored through STOW-RS.',
      '# TYPE dcmkit_instances_stored_total counter',
      `dcmkit_instances_stored_total ${this.instancesStored}`,
      '# HELP dcmkit_instances_failed_total Instances refused by STOW-RS.',
      '# TYPE dcmkit_instances_failed_total counter',
      `dcmkit_instances_failed_total ${this.instancesFailed}`,
      '# HELP dcmkit_stored_bytes_total Bytes of the instances stored through STOW-RS.',
      '# TYPE dcmkit_stored_bytes_total counter',
      `dcmkit_stored_bytes_total ${this.bytesStored}`,
      '# HELP dcmkit_process_resident_memory_bytes Resident set size.',
      '# TYPE dcmkit_process_resident_memory_bytes gauge',
      `dcmkit_process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    );
    return out.join('\n') + '\n';
  }
}

/** Records every response of `app` in `metrics`, labelled by route pattern. */
export function observeRequests(app: FastifyInstance, metrics: Metrics): void {
  // A callback hook: no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
