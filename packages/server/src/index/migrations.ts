// In-code migrations of the index (kysely Migrator), the same steps for SQLite and PostgreSQL.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { studyPersonNames } from './rows.js';

export type Dialect = 'sqlite' | 'postgres';

/** Prefix (LIKE 'abc%') matching can use an index: PostgreSQL needs text_pattern_ops for it outside the C locale. */
const likeIndex = (dialect: Dialect, table: string, column: string) =>
  dialect === 'postgres'
    ? sql.raw(`create index if not exists ${table}_${column}_like on ${table} (${column} text_pattern_ops)`)
    : sql.raw(`create index if not exists ${table}_${column}_like on ${table} (${column})`);

function initial(dialect: Dialect): Migration {
  // A surrogate key in insertion order (results are paged by it).
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const primaryKey = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('studies')
        .addColumn('id', id, primaryKey)
        .addColumn('study_uid', 'text', (c) => c.notNull().unique())
        .addColumn('patient_name', 'text')
        .addColumn('patient_name_norm', 'text')
        .addColumn('patient_id', 'text')
        .addColumn('patient_birth_date', 'text')
        .addColumn('patient_sex', 'text')
        .addColumn('study_date', 'text')
        .addColumn('study_time', 'text')
        .addColumn('accession_number', 'text')
        .addColumn('referring_physician_name_norm', 'text')
        .addColumn('study_id', 'text')
        .addColumn('study_description', 'text')
        .addColumn('modalities', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('num_series', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('num_instances', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attributes', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('series')
        .addColumn('id', id, primaryKey)
        .addColumn('series_uid', 'text', (c) => c.notNull().unique())
        .addColumn('study_uid', 'text', (c) => c.notNull())
        .addColumn('modality', 'text')
        .addColumn('series_number', 'integer')
        .addColumn('series_description', 'text')
        .addColumn('pps_start_date', 'text')
        .addColumn('pps_start_time', 'text')
        .addColumn('num_instances', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attributes', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('series_requests')
        .addColumn('series_uid', 'text', (c) => c.notNull())
        .addColumn('scheduled_procedure_step_id', 'text')
        .addColumn('requested_procedure_id', 'text')
        .execute();
      await db.schema
        .createTable('instances')
        .addColumn('id', id, primaryKey)
        .addColumn('sop_uid', 'text', (c) => c.notNull().unique())
        .addColumn('series_uid', 'text', (c) => c.notNull())
        .addColumn('study_uid', 'text', (c) => c.notNull())
        .addColumn('sop_class_uid', 'text', (c) => c.notNull())
        .addColumn('instance_number', 'integer')
        .addColumn('rows', 'integer')
        .addColumn('columns', 'integer')
        .addColumn('bits_allocated', 'integer')
        .addColumn('number_of_frames', 'integer', (c) => c.notNull())
        .addColumn('transfer_syntax_uid', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('frames', 'text', (c) => c.notNull())
        .addColumn('bulk_data', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', id, primaryKey)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Matching keys (PS3.18 10.6.1.2) and the joins between levels.
      const plain: [string, string][] = [
        ['studies', 'study_date'],
        ['studies', 'patient_id'],
        ['studies', 'accession_number'],
        ['series', 'study_uid'],
        ['series', 'modality'],
        ['series_requests', 'series_uid'],
        ['series_requests', 'scheduled_procedure_step_id'],
        ['series_requests', 'requested_procedure_id'],
        ['instances', 'series_uid'],
        ['instances', 'study_uid'],
        ['instances', 'sop_class_uid'],
      ];
      for (const [table, column] of plain) await db.schema.createIndex(`${table}_${column}`).ifNotExists().on(table).column(column).execute();
      await likeIndex(dialect, 'studies', 'patient_name_norm').execute(db);
      await likeIndex(dialect, 'studies', 'referring_physician_name_norm').execute(db);
    },
  };
}

/** Studies read at a time when filling new columns. */
const FILL_PAGE = 1000;

/**
 * Ideographic and phonetic PN matching (PS3.5 6.2.1.1, PS3.4 C.2.2.2.1): a column per component group,
 * filled for the studies already indexed from their stored attributes.
 */
function personNameComponentGroups(dialect: Dialect): Migration {
  const columns = ['patient_name_ideographic', 'patient_name_phonetic_norm', 'referring_physician_name_ideographic', 'referring_physician_name_phonetic_norm'] as const;
  const up = async (db: Kysely<unknown>) => {
    for (const column of columns) {
      await db.schema.alterTable('studies').addColumn(column, 'text').execute();
      await likeIndex(dialect, 'studies', column).execute(db);
    }
    // Only names with more than an alphabetic group have something to fill.
    for (let after = 0; ; ) {
      const { rows } = await sql<{ id: number; attributes: string }>`select id, attributes from studies
        where id > ${after} and (attributes like ${'%"Ideographic"%'} or attributes like ${'%"Phonetic"%'}) order by id limit ${FILL_PAGE}`.execute(db);
      for (const { id, attributes } of rows) {
        const names = studyPersonNames(JSON.parse(attributes));
        await sql`update studies set ${sql.join(columns.map((c) => sql`${sql.ref(c)} = ${names[c]}`))} where id = ${id}`.execute(db);
      }
      if (rows.length < FILL_PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  };
  return {
    // PostgreSQL runs each migration in a transaction; SQLite (whose DDL is transactional too) is given one here.
    up: (db: Kysely<unknown>) => (dialect === 'sqlite' ? db.transaction().execute(up) : up(db)),
  };
}

/** The migrations, in order (names sort in the order they run). */
export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  async getMigrations() {
    return { '0001-initial': initial(dialect), '0002-person-name-component-groups': personNameComponentGroups(dialect) };
  },
});
