// dcmkit serve: settings that cannot work are usage errors (exit 2) naming the setting, before anything listens.
import { expect, test } from 'vitest';
import { cli } from '../../../test/cli-run.js';

test('--store other than s3://bucket[/prefix] is refused', async () => {
  const { code, stderr } = await cli('serve', '--port', '0', '--store', 'ftp://archive/site1');
  expect(code).toBe(2);
  expect(stderr).toMatch(/store must be s3:\/\/bucket or s3:\/\/bucket\/prefix .*"ftp:\/\/archive\/site1"/);
});

test('a non-loopback address without --auth is refused unless --insecure', async () => {
  const { code, stderr } = await cli('serve', '--port', '0', '--host', '0.0.0.0');
  expect(code).toBe(2);
  expect(stderr).toMatch(/--auth/);
});
