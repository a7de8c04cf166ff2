// PN matching over every component group (PS3.5 6.2.1.1; PS3.4 C.2.2.2.1, C.2.2.2.4; PS3.18 8.3.4.6),
// on SQLite and PostgreSQL, and the upgrade of an index made before the groups had columns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { MemorySource } from '@dcmkit/core';
import { parseQidoQuery, QueryParameterError, type QueryLevel } from '@dcmkit/dicomweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInstance, openIndex, resolveConfig } from '../src/index.js';
import { migrationProvider } from '../src/index/migrations.js';
import { openDatabase } from '../src/index/open.js';
import type { SqlIndex } from '../src/index/sql-index.js';
import { dropSchema, freshSchema, postgresReachable } from './support/postgres.js';
import { syntheticInstance } from './support/synthetic.js';

const uid = '1.2.826.0.1.3680043.10.7';
/** Patient Name of each study, by the last digit of its Study Instance UID. */
const NAMES = ['Yamada^Tarou=山田^太郎=やまだ^たろう', 'Yamamoto^Hanako=山本^花子=やまもと^はなこ', 'Smith^Anna', '=李^小龍', 'Hong^Gildong=洪^吉洞=홍^길동', 'Lee^Ann=LEE^Ann'];

const backends = [
  ['SQLite', () => ({ db: 'sqlite', drop: async () => undefined })],
  ...((await postgresReachable())
    ? [['PostgreSQL', () => {
        const { schema, url } = freshSchema();
        return { db: url, drop: () => dropSchema(schema) };
      }] as const]
    : []),
] as const;

describe.each(backends)('person name matching on %s', (_name, backend) => {
  const { db, drop } = backend();
  const data = mkdtempSync(join(tmpdir(), 'dcmkit-pn-'));
  let index: SqlIndex;

  beforeAll(async () => {
    index = await openIndex(resolveConfig({ data, db }));
    for (const [n, patientName] of NAMES.entries()) {
      const study = `${uid}.${n}`;
      const referringPhysician = n === 0 ? 'Suzuki^Ichirou=鈴木^一郎=すずき^いちろう' : '';
      const bytes = syntheticInstance({ study, series: `${study}.1`, sop: `${study}.1.1`, patientName, referringPhysician });
      await index.insertInstance(await describeInstance(new MemorySource(bytes), { size: bytes.length, sha256: `sha-${n}` }));
    }
  });
  afterAll(async () => {
    await index?.close();
    rmSync(data, { recursive: true, force: true });
    await drop();
  });

  /** The studies a QIDO-RS search (its query string) finds, by the last digit of their UIDs. */
  const found = async (params: Record<string, string>, level: QueryLevel = 'study') => {
    const { matches } = await index.query(parseQidoQuery(level, new URLSearchParams(params)));
    return matches.map((m) => Number((m['0020000D']!.Value![0] as string).split('.').at(-1))).sort();
  };

  it('matches a value without "=" against any component group', async () => {
    expect(await found({ PatientName: '山田*' })).toEqual([0]);
    expect(await found({ PatientName: 'yamada*' })).toEqual([0]);
    expect(await found({ PatientName: 'やま*' })).toEqual([0, 1]);
    expect(await found({ PatientName: '山田^太郎' })).toEqual([0]);
    expect(await found({ PatientName: 'YAMADA^TAROU' })).toEqual([0]);
    expect(await found({ PatientName: '李^小?' })).toEqual([3]);
    expect(await found({ PatientName: '홍*' })).toEqual([4]);
    // A single value is the whole group: "山田" is not "山田^太郎".
    expect(await found({ PatientName: '山田' })).toEqual([]);
    expect(await found({ PatientName: '山田*', PatientID: 'P1' }, 'instance')).toEqual([0]);
  });

  it('matches each given group of a value with "=" against its own, empty groups matching anything', async () => {
    expect(await found({ PatientName: 'Yamada^Tarou=山田^太郎' })).toEqual([0]);
    expect(await found({ PatientName: 'yamada*=山田*=やまだ*' })).toEqual([0]);
    expect(await found({ PatientName: '=山*' })).toEqual([0, 1]);
    expect(await found({ PatientName: '==やまもと*' })).toEqual([1]);
    expect(await found({ PatientName: 'Yama*==*はなこ' })).toEqual([1]);
    expect(await found({ PatientName: 'Yamada*=山本*' })).toEqual([]);
    // Each group is compared with its own only.
    expect(await found({ PatientName: '=yamada*' })).toEqual([]);
    expect(await found({ PatientName: '山田*=' })).toEqual([]);
    // No group given, or only '*' and padding: every study.
    expect(await found({ PatientName: '==' })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await found({ PatientName: '*=^=' })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('compares the ideographic group exactly and the others case-insensitively', async () => {
    expect(await found({ PatientName: '=LEE*' })).toEqual([5]);
    expect(await found({ PatientName: '=lee*' })).toEqual([]);
    expect(await found({ PatientName: 'LEE^ANN=' })).toEqual([5]);
    expect(await found({ PatientName: 'Lee^ann' })).toEqual([5]);
  });

  it('keeps matching alphabetic-only names as before', async () => {
    expect(await found({ PatientName: 'smi*' })).toEqual([2]);
    expect(await found({ PatientName: 'SMITH^ANNA' })).toEqual([2]);
    expect(await found({ PatientName: 'Smith^Ann?' })).toEqual([2]);
    expect(await found({ PatientName: 'ann', fuzzymatching: 'true' })).toEqual([2, 5]);
  });

  it('matches every group fuzzily (component prefixes)', async () => {
    expect(await found({ PatientName: '太', fuzzymatching: 'true' })).toEqual([0]);
    expect(await found({ PatientName: 'はな', fuzzymatching: 'true' })).toEqual([1]);
    expect(await found({ PatientName: '=山^花', fuzzymatching: 'true' })).toEqual([1]);
    expect(await found({ PatientName: '=山^太', fuzzymatching: 'false' })).toEqual([]);
  });

  it("matches Referring Physician's Name the same way", async () => {
    expect(await found({ ReferringPhysicianName: '鈴木*' })).toEqual([0]);
    expect(await found({ ReferringPhysicianName: '==すずき^いちろう' })).toEqual([0]);
    expect(await found({ ReferringPhysicianName: 'suzuki*=佐藤*' })).toEqual([]);
  });

  it('refuses more than three component groups', async () => {
    await expect(found({ PatientName: 'a=b=c=d' })).rejects.toThrow(QueryParameterError);
  });
});

describe.each(backends)('an index made before PN component groups had columns, on %s', (_name, backend) => {
  it('fills them when it is opened', async () => {
    const { db, drop } = backend();
    const data = mkdtempSync(join(tmpdir(), 'dcmkit-pn-'));
    try {
      // The first schema, with two studies as it indexed them: the alphabetic group alone had a column.
      const old = await openDatabase({ db, data });
      if (old.schema) await old.db.schema.createSchema(old.schema).ifNotExists().execute();
      const migrator = new Migrator({ db: old.db, provider: migrationProvider(old.dialect), ...(old.schema ? { migrationTableSchema: old.schema } : {}) });
      expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined();
      const study = (n: number, alphabetic: string, groups: object) => ({
        study_uid: `${uid}.${n}`,
        patient_name: alphabetic,
        patient_name_norm: alphabetic.toLowerCase(),
        modalities: 'CT',
        num_series: 1,
        num_instances: 1,
        attributes: JSON.stringify({ '0020000D': { vr: 'UI', Value: [`${uid}.${n}`] }, '00100010': { vr: 'PN', Value: [{ Alphabetic: alphabetic, ...groups }] } }),
      });
      await old.db.insertInto('studies').values([study(0, 'Yamada^Tarou', { Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }), study(1, 'Smith^Anna', {})]).execute();
      await old.db.destroy();

      const index = await openIndex(resolveConfig({ data, db }));
      try {
        const found = async (value: string) =>
          (await index.query(parseQidoQuery('study', new URLSearchParams({ PatientName: value })))).matches.map((m) => m['0020000D']!.Value![0]);
        expect(await found('山田*')).toEqual([`${uid}.0`]);
        expect(await found('==やまだ^たろう')).toEqual([`${uid}.0`]);
        expect(await found('smith*')).toEqual([`${uid}.1`]);
      } finally {
        await index.close();
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
      await drop();
    }
  });
});
