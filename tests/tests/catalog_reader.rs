//! The catalog reader (`origin_schema_core::read::catalog`) on a real PostgreSQL: its
//! queries run through psql (every column is text), its rows become the model.
//!
//! - V1.sql reads as the Veza preset's `current`, exactly;
//! - ALIGNED.sql reads as `align::aligned` of the preset (comment texts, function bodies and
//!   check `source` aside: ALIGNED.sql has its own, the catalog cannot know the source);
//! - a database built by `export` of the end state has ALIGNED.sql's catalog (core's
//!   `CONTRACT_QUERY` against the harness's `Catalog`, which must agree line for line);
//! - a schema read, exported and read again is the same model;
//! - awkward names and every trigger and index shape the model holds read right, and what it
//!   cannot hold is refused, each object named;
//! - every form of index, constraint, column and table option reads as the model built by
//!   hand, and the SQL generated for it (gen-sql and export) loads, reads back the same and
//!   dumps as the original (PostgreSQL 15: Debian's pg_dump).
//!
//! Each `*_pg18` test runs on PostgreSQL 18 when ORIGIN_SCHEMA_PG18_BIN is set.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use origin_schema_core::model::{
    Column, Constraint, Deferral, EnumType, ExcludeElement, FkAction, Function, Index, IndexKey,
    KeyIndex, Reference, Schema, StorageParams, Table, Trigger, TriggerEvent, TriggerLevel,
    TriggerTiming,
};
use origin_schema_core::read::catalog::{
    contract_drift, schema_from_rows, CatalogError, CatalogRows, CONTRACT_QUERY,
};
use origin_schema_core::sql::export::schema_sql;
use origin_schema_core::{align, presets};
use origin_schema_tests::dump::compare;
use origin_schema_tests::scenario::{apply_gen_sql, load, new_db};
use origin_schema_tests::{fixtures, with_cluster, Catalog, Cluster, Db, PgVersion};

fn rows(db: &Db) -> CatalogRows {
    db.catalog_rows()
}

fn read(db: &Db) -> Result<Schema, CatalogError> {
    schema_from_rows(&rows(db))
}

fn read_ok(db: &Db) -> Schema {
    match read(db) {
        Ok(schema) => schema,
        Err(e) => panic!("reading {} failed: {e}", db.name()),
    }
}

fn contract_lines(db: &Db) -> Vec<String> {
    db.query_column(CONTRACT_QUERY)
        .into_iter()
        .map(|l| l.expect("CONTRACT_QUERY gave a NULL line"))
        .collect()
}

fn db_from_file(cluster: &Cluster, prefix: &str, file: &std::path::Path) -> Db {
    let db = new_db(cluster, prefix);
    load(&db, file);
    db
}

fn db_from_sql(cluster: &Cluster, prefix: &str, sql: &str) -> Db {
    let db = new_db(cluster, prefix);
    if let Err(e) = db.run_sql(sql) {
        panic!("building {prefix} failed: {e}\nSQL:\n{sql}");
    }
    db
}

/// What the catalog cannot know or where ALIGNED.sql has its own text: comment texts (only
/// their presence is kept), function bodies, check sources.
fn without_texts(mut schema: Schema) -> Schema {
    for table in schema.tables.values_mut() {
        for column in table.columns.values_mut() {
            if column.comment.is_some() {
                column.comment = Some("(comment)".into());
            }
        }
        for c in table.constraints.values_mut() {
            if let Constraint::Check { source, .. } = c {
                *source = None;
            }
        }
    }
    for f in schema.functions.values_mut() {
        f.body = "(body)".into();
    }
    schema
}

/// Panics with a readable diff of two models (their JSON, line by line).
fn assert_same_schema(expected: &Schema, actual: &Schema, context: &str) {
    if expected == actual {
        return;
    }
    let lines =
        |s: &Schema| -> Vec<String> { format!("{s:#?}").lines().map(str::to_string).collect() };
    let (e, a) = (lines(expected), lines(actual));
    panic!(
        "{context}: the models differ (- expected, + actual; lines of their Debug print, order aside)\n{}\n\
         expected:\n{}\nactual:\n{}",
        contract_drift(&e, &a).join("\n"),
        e.join("\n"),
        a.join("\n")
    );
}

fn v1_reads_as_current(version: PgVersion) {
    with_cluster(version, |cluster| {
        let db = db_from_file(cluster, "v1", &fixtures::v1_sql());
        let schema = read_ok(&db);
        assert_same_schema(
            &presets::veza().current,
            &schema,
            &format!("{version}: V1.sql read back"),
        );
        assert_eq!(schema, presets::veza().current);
    });
}

#[test]
fn v1_reads_as_the_preset_current() {
    v1_reads_as_current(PgVersion::V15);
}

#[test]
fn v1_reads_as_the_preset_current_pg18() {
    v1_reads_as_current(PgVersion::V18);
}

fn aligned_reads_as_end_state(version: PgVersion) {
    with_cluster(version, |cluster| {
        let db = db_from_file(cluster, "aligned", &fixtures::aligned_sql());
        let expected = align::aligned(&presets::veza()).expect("veza has an end state");
        assert_same_schema(
            &without_texts(expected),
            &without_texts(read_ok(&db)),
            &format!("{version}: ALIGNED.sql read back"),
        );
    });
}

#[test]
fn aligned_reads_as_the_end_state() {
    aligned_reads_as_end_state(PgVersion::V15);
}

#[test]
fn aligned_reads_as_the_end_state_pg18() {
    aligned_reads_as_end_state(PgVersion::V18);
}

fn export_matches_aligned(version: PgVersion) {
    with_cluster(version, |cluster| {
        let aligned_db = db_from_file(cluster, "aligned", &fixtures::aligned_sql());
        let harness = Catalog::read(&aligned_db);
        // Core's snapshot and the harness's are the same definition.
        Catalog::from_lines(contract_lines(&aligned_db)).assert_matches(
            &harness,
            &format!("{version}: CONTRACT_QUERY against the harness's catalog, same database"),
        );
        let end_state = align::aligned(&presets::veza()).expect("veza has an end state");
        let exported = db_from_sql(cluster, "exported", &schema_sql(&end_state));
        let lines = contract_lines(&exported);
        harness.assert_matches(
            &Catalog::from_lines(lines.clone()),
            &format!("{version}: export of the end state against ALIGNED.sql"),
        );
        let expected: Vec<String> = harness.lines().map(str::to_string).collect();
        assert_eq!(contract_drift(&expected, &lines), Vec::<String>::new());
    });
}

#[test]
fn export_of_the_end_state_has_the_catalog_of_aligned_sql() {
    export_matches_aligned(PgVersion::V15);
}

#[test]
fn export_of_the_end_state_has_the_catalog_of_aligned_sql_pg18() {
    export_matches_aligned(PgVersion::V18);
}

/// Awkward names, every trigger and index shape the model holds, FK actions, SET options.
const AWKWARD: &str = r#"
CREATE TYPE "Mood" AS ENUM ('sad', 'it''s ok', 'Happy');
CREATE TYPE empty_enum AS ENUM ();
CREATE TABLE "Order" (
    "Id"       integer NOT NULL,
    "user"     text,
    a          integer NOT NULL DEFAULT 0,
    b          numeric(5,2) DEFAULT 1.5,
    mood       "Mood" DEFAULT 'it''s ok',
    tags       text[] DEFAULT '{}'::text[],
    at         timestamp(3) without time zone,
    CONSTRAINT "Order_pkey" PRIMARY KEY ("Id"),
    CONSTRAINT order_b_a_key UNIQUE (b, a),
    CONSTRAINT "positive a" CHECK (a >= 0 AND a < 1000)
);
CREATE TABLE child (
    x integer,
    y integer,
    "Parent" integer,
    CONSTRAINT child_x_fkey FOREIGN KEY (x) REFERENCES "Order" ("Id") ON UPDATE CASCADE ON DELETE SET DEFAULT,
    CONSTRAINT child_y_fkey FOREIGN KEY (y) REFERENCES "Order" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "child_Parent_fkey" FOREIGN KEY ("Parent") REFERENCES "Order" ("Id") ON UPDATE SET NULL
);
CREATE TABLE nothing ();
CREATE INDEX i_partial ON "Order" (a) WHERE b IS NULL AND a > 2;
CREATE UNIQUE INDEX "I unique" ON "Order" ("user", a);
CREATE INDEX i_hash ON "Order" USING hash ("user");
COMMENT ON COLUMN "Order".a IS 'it''s a
comment';
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "My Schema", public, pg_temp SET work_mem = '64MB'
    AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION add(x integer, y integer) RETURNS bigint LANGUAGE sql
    AS 'SELECT x + y';
CREATE TRIGGER t_rows AFTER UPDATE OF b, a OR DELETE OR INSERT ON "Order"
    FOR EACH ROW EXECUTE FUNCTION trg();
CREATE TRIGGER "T stmt" BEFORE TRUNCATE ON "Order" FOR EACH STATEMENT EXECUTE FUNCTION trg();
ALTER TABLE "Order" DISABLE TRIGGER "T stmt";
CREATE INDEX i_view_free ON child (y, x);
"#;

fn awkward_schema() -> Schema {
    let col = |ty: &str, not_null: bool, default: Option<&str>| Column {
        data_type: ty.into(),
        not_null,
        default: default.map(str::to_string),
        identity: None,
        generated: None,
        comment: None,
        ..Column::new("")
    };
    let mut schema = Schema::default();
    schema.enums.insert(
        "Mood".into(),
        EnumType {
            labels: vec!["sad".into(), "it's ok".into(), "Happy".into()],
        },
    );
    schema
        .enums
        .insert("empty_enum".into(), EnumType { labels: vec![] });
    let order = schema.tables.entry("Order".into()).or_default();
    order
        .columns
        .insert("Id".into(), col("integer", true, None));
    order
        .columns
        .insert("user".into(), col("text", false, None));
    let mut a = col("integer", true, Some("0"));
    a.comment = Some("it's a\ncomment".into());
    order.columns.insert("a".into(), a);
    order
        .columns
        .insert("b".into(), col("numeric(5,2)", false, Some("1.5")));
    order.columns.insert(
        "mood".into(),
        col("\"Mood\"", false, Some("'it''s ok'::\"Mood\"")),
    );
    order
        .columns
        .insert("tags".into(), col("text[]", false, Some("'{}'::text[]")));
    order.columns.insert(
        "at".into(),
        col("timestamp(3) without time zone", false, None),
    );
    order.constraints.insert(
        "Order_pkey".into(),
        Constraint::primary_key(vec!["Id".into()]),
    );
    order.constraints.insert(
        "order_b_a_key".into(),
        Constraint::unique(vec!["b".into(), "a".into()]),
    );
    order.constraints.insert(
        "positive a".into(),
        Constraint::check("((a >= 0) AND (a < 1000))".into(), None),
    );
    order.indexes.insert(
        "i_partial".into(),
        Index {
            columns: vec!["a".into()],
            unique: false,
            method: None,
            predicate: Some("((b IS NULL) AND (a > 2))".into()),
            ..Index::on(&[])
        },
    );
    order.indexes.insert(
        "I unique".into(),
        Index {
            columns: vec!["user".into(), "a".into()],
            unique: true,
            method: None,
            predicate: None,
            ..Index::on(&[])
        },
    );
    order.indexes.insert(
        "i_hash".into(),
        Index {
            columns: vec!["user".into()],
            unique: false,
            method: Some("hash".into()),
            predicate: None,
            ..Index::on(&[])
        },
    );
    order.triggers.insert(
        "t_rows".into(),
        Trigger {
            timing: TriggerTiming::After,
            events: vec![
                TriggerEvent::Insert,
                TriggerEvent::Update,
                TriggerEvent::Delete,
            ],
            update_of: vec!["b".into(), "a".into()],
            level: TriggerLevel::Row,
            function: "trg".into(),
            enabled: true,
        },
    );
    order.triggers.insert(
        "T stmt".into(),
        Trigger {
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Truncate],
            update_of: vec![],
            level: TriggerLevel::Statement,
            function: "trg".into(),
            enabled: false,
        },
    );
    let child = schema.tables.entry("child".into()).or_default();
    for c in ["x", "y", "Parent"] {
        child.columns.insert(c.into(), col("integer", false, None));
    }
    let fk = |column: &str, on_delete, on_update| {
        Constraint::foreign_key(
            vec![column.into()],
            Reference {
                table: "Order".into(),
                columns: vec!["Id".into()],
            },
            on_delete,
            on_update,
        )
    };
    child.constraints.insert(
        "child_x_fkey".into(),
        fk("x", FkAction::SetDefault, FkAction::Cascade),
    );
    child.constraints.insert(
        "child_y_fkey".into(),
        fk("y", FkAction::Restrict, FkAction::NoAction),
    );
    child.constraints.insert(
        "child_Parent_fkey".into(),
        fk("Parent", FkAction::NoAction, FkAction::SetNull),
    );
    child.indexes.insert(
        "i_view_free".into(),
        Index {
            columns: vec!["y".into(), "x".into()],
            unique: false,
            method: None,
            predicate: None,
            ..Index::on(&[])
        },
    );
    schema.tables.insert("nothing".into(), Default::default());
    let config = [
        (
            "search_path".to_string(),
            vec!["My Schema".to_string(), "public".into(), "pg_temp".into()],
        ),
        ("work_mem".to_string(), vec!["64MB".to_string()]),
    ]
    .into_iter()
    .collect();
    schema.functions.insert(
        "add".into(),
        Function {
            arguments: "x integer, y integer".into(),
            returns: "bigint".into(),
            language: "sql".into(),
            body: "SELECT x + y".into(),
            security_definer: false,
            config: Default::default(),
        },
    );
    schema.functions.insert(
        "trg".into(),
        Function {
            arguments: String::new(),
            returns: "trigger".into(),
            language: "plpgsql".into(),
            body: " BEGIN RETURN NEW; END ".into(),
            security_definer: true,
            config,
        },
    );
    schema
}

fn awkward(version: PgVersion) {
    with_cluster(version, |cluster| {
        let db = db_from_sql(cluster, "awkward", AWKWARD);
        let schema = read_ok(&db);
        assert_same_schema(&awkward_schema(), &schema, &format!("{version}: awkward"));
        // Vec order is part of the model: labels, key columns, UPDATE OF, events.
        assert_eq!(schema.enums["Mood"].labels, ["sad", "it's ok", "Happy"]);
        assert_eq!(
            schema.tables["Order"].triggers["t_rows"].update_of,
            ["b", "a"]
        );
        assert_eq!(
            schema.tables["Order"].constraints["order_b_a_key"].columns(),
            ["b", "a"]
        );
        // Tables, columns (attnum), constraints, indexes, triggers, functions: by name.
        assert_eq!(
            schema.tables.keys().collect::<Vec<_>>(),
            ["Order", "child", "nothing"]
        );
        assert_eq!(
            schema.tables["Order"].columns.keys().collect::<Vec<_>>(),
            ["Id", "user", "a", "b", "mood", "tags", "at"]
        );
        assert_eq!(
            schema.tables["Order"].indexes.keys().collect::<Vec<_>>(),
            ["I unique", "i_hash", "i_partial"]
        );
        assert_eq!(schema.functions.keys().collect::<Vec<_>>(), ["add", "trg"]);

        // Read, export, read again: the same model and the same catalog.
        let again_db = db_from_sql(cluster, "awkward_again", &schema_sql(&schema));
        assert_same_schema(
            &schema,
            &read_ok(&again_db),
            &format!("{version}: awkward, exported and read again"),
        );
        assert_eq!(
            contract_drift(&contract_lines(&db), &contract_lines(&again_db)),
            Vec::<String>::new()
        );
    });
}

#[test]
fn awkward_names_and_every_shape_the_model_holds() {
    awkward(PgVersion::V15);
}

#[test]
fn awkward_names_and_every_shape_the_model_holds_pg18() {
    awkward(PgVersion::V18);
}

/// One object per thing the model cannot hold; each must be named in the refusal.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "CREATE TABLE t (a integer, b text, c integer GENERATED ALWAYS AS IDENTITY, \
         d integer GENERATED ALWAYS AS (a * 2) STORED)",
        "",
    ),
    // Read since the model holds every form of index and constraint: not refused.
    ("CREATE INDEX i_expr ON t (lower(b))", ""),
    ("CREATE INDEX i_desc ON t (a DESC)", ""),
    ("CREATE INDEX i_incl ON t (a) INCLUDE (b)", ""),
    (
        "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE",
        "",
    ),
    // A plain unique index that a foreign key relies on.
    ("CREATE UNIQUE INDEX t_b_uniq ON t (b)", ""),
    (
        "ALTER TABLE t ADD CONSTRAINT t_self_fkey FOREIGN KEY (b) REFERENCES t (b) MATCH FULL",
        "",
    ),
    (
        "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID",
        "",
    ),
    (
        "ALTER TABLE t ADD CONSTRAINT t_excl EXCLUDE USING btree (a WITH =)",
        "",
    ),
    // Operator class parameters, of the type's default class (printed all the same).
    (
        "CREATE INDEX i_siglen ON t USING gist (to_tsvector('simple', b) tsvector_ops (siglen = 100))",
        "",
    ),
    // What the model has no word for: tablespaces, SET NULL of some columns.
    (
        "SET allow_in_place_tablespaces = on; CREATE TABLESPACE spare LOCATION ''",
        "",
    ),
    ("CREATE INDEX i_spare ON t (a) TABLESPACE spare", "index t.i_spare"),
    (
        "ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b) USING INDEX TABLESPACE spare",
        "constraint t.t_b_key",
    ),
    (
        "CREATE TABLE r (x integer, y text, CONSTRAINT r_x_y_key UNIQUE (x, y)); \
         CREATE TABLE fk (x integer, y text, CONSTRAINT fk_set_fkey FOREIGN KEY (x, y) \
         REFERENCES r (x, y) ON DELETE SET NULL (y))",
        "constraint fk.fk_set_fkey",
    ),
    (
        "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
        "",
    ),
    (
        "CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) \
         EXECUTE FUNCTION tf()",
        "trigger t.t_when",
    ),
    (
        "CREATE TRIGGER t_args BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf('x')",
        "trigger t.t_args",
    ),
    (
        "CREATE TRIGGER t_always BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf(); \
         ALTER TABLE t ENABLE ALWAYS TRIGGER t_always",
        "trigger t.t_always",
    ),
    (
        "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'",
        "function p()",
    ),
    (
        "CREATE FUNCTION o(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1'; \
         CREATE FUNCTION o(text) RETURNS integer LANGUAGE sql AS 'SELECT 2'",
        "function o(text)",
    ),
    (
        "CREATE FUNCTION d(x integer DEFAULT 1) RETURNS integer LANGUAGE sql AS 'SELECT x'",
        "function d(x integer)",
    ),
    (
        "CREATE FUNCTION s() RETURNS SETOF integer LANGUAGE sql AS 'SELECT 1'",
        "function s()",
    ),
    (
        "CREATE FUNCTION std() RETURNS integer LANGUAGE sql RETURN 1",
        "function std()",
    ),
    (
        "CREATE TABLE parted (a integer) PARTITION BY RANGE (a); \
         CREATE TABLE part1 PARTITION OF parted FOR VALUES FROM (0) TO (10)",
        "table parted",
    ),
    (
        "CREATE TABLE base (a integer); CREATE TABLE kid (b integer) INHERITS (base)",
        "table kid",
    ),
];

fn refusals(version: PgVersion) {
    with_cluster(version, |cluster| {
        let sql: Vec<&str> = UNSUPPORTED.iter().map(|(s, _)| *s).collect();
        let db = db_from_sql(cluster, "unsupported", &format!("{};", sql.join(";\n")));
        let err = match read(&db) {
            Ok(schema) => panic!("{version}: read a schema the model cannot hold: {schema:?}"),
            Err(e) => e,
        };
        let CatalogError::Unsupported(items) = &err else {
            panic!("{version}: expected a refusal, got {err}");
        };
        let objects: Vec<&str> = items.iter().map(|u| u.object.as_str()).collect();
        let mut wanted: Vec<&str> = UNSUPPORTED
            .iter()
            .map(|(_, o)| *o)
            .filter(|o| !o.is_empty())
            .collect();
        wanted.extend(["table part1"]);
        for w in &wanted {
            assert!(
                objects.contains(w),
                "{version}: {w} is not among the refusals: {err}"
            );
        }
        assert_eq!(
            objects.len(),
            wanted.len(),
            "{version}: refusals of objects the model holds: {err}"
        );
        let message = err.to_string();
        assert!(message.contains("TABLESPACE spare"), "{message}");
        assert!(
            message.contains("USING INDEX TABLESPACE spare"),
            "{message}"
        );
        assert!(message.contains("ON DELETE SET NULL (y)"), "{message}");
        // The plain trigger function and the first overload are fine; the rest of the
        // schema still reads once the refused objects are gone.
        db.exec(
            "DROP TABLE parted, kid, fk, r; DROP TABLE t CASCADE; DROP PROCEDURE p(); \
             DROP FUNCTION o(text), s(), std(), d(integer);",
        );
        let schema = read_ok(&db);
        assert_eq!(
            schema.functions.keys().collect::<Vec<_>>(),
            ["o", "tf"],
            "{version}"
        );
    });
}

#[test]
fn what_the_model_cannot_hold_is_refused_by_name() {
    refusals(PgVersion::V15);
}

#[test]
fn what_the_model_cannot_hold_is_refused_by_name_pg18() {
    refusals(PgVersion::V18);
}

/// One object of each kind the model has no place for, with the object the refusal names
/// ("" for none). The extension's objects (citext: a type, functions, operators, casts,
/// operator classes) and the runners' (schema_migrations, the sqitch schema) are left
/// out; so are what PostgreSQL makes along with an object (array types, a range's
/// multirange and constructors, a view's `_RETURN` rule).
const UNMODELLED: &[(&str, &str)] = &[
    ("CREATE EXTENSION citext", ""),
    (
        "CREATE TABLE schema_migrations (version text PRIMARY KEY); \
         ALTER TABLE schema_migrations ENABLE ROW LEVEL SECURITY; \
         CREATE POLICY runner_only ON schema_migrations USING (true); \
         CREATE RULE keep AS ON DELETE TO schema_migrations DO INSTEAD NOTHING",
        "",
    ),
    (
        "CREATE SCHEMA sqitch; CREATE VIEW sqitch.changes AS SELECT 1 AS one; \
         CREATE DOMAIN sqitch.label AS text",
        "",
    ),
    ("CREATE TABLE t (a integer, b integer)", ""),
    ("CREATE VIEW v AS SELECT a FROM t WHERE a > 0", "view v"),
    (
        "CREATE SCHEMA reporting; CREATE VIEW reporting.active AS SELECT 1 AS one",
        "view reporting.active",
    ),
    (
        "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t",
        "materialized view mv",
    ),
    ("CREATE INDEX mv_a ON mv (a)", "index mv.mv_a"),
    (
        "CREATE FOREIGN DATA WRAPPER dummy",
        "foreign-data wrapper dummy",
    ),
    ("CREATE SERVER srv FOREIGN DATA WRAPPER dummy", "server srv"),
    (
        "CREATE FOREIGN TABLE ft (a integer) SERVER srv",
        "foreign table ft",
    ),
    ("CREATE TYPE pair AS (x integer, y text)", "type pair"),
    (
        "CREATE DOMAIN posint AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0)",
        "domain posint",
    ),
    ("CREATE TYPE span AS RANGE (SUBTYPE = integer)", "type span"),
    ("CREATE TYPE shell", "type shell"),
    (
        "CREATE TYPE base; \
         CREATE FUNCTION base_in(cstring) RETURNS base LANGUAGE internal IMMUTABLE STRICT \
         AS 'int4in'; \
         CREATE FUNCTION base_out(base) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT \
         AS 'int4out'; \
         CREATE TYPE base (INPUT = base_in, OUTPUT = base_out, LIKE = integer)",
        "type base",
    ),
    // Row level security is modelled (`Table::row_security`): no refusal.
    ("ALTER TABLE t ENABLE ROW LEVEL SECURITY", ""),
    (
        "CREATE POLICY own ON t AS RESTRICTIVE FOR UPDATE USING (a > 0) WITH CHECK (b > 0)",
        "policy t.own",
    ),
    (
        "CREATE TABLE forced (a integer); ALTER TABLE forced FORCE ROW LEVEL SECURITY",
        "",
    ),
    (
        "CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING",
        "rule t.no_delete",
    ),
    (
        "CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$; \
         CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl()",
        "event trigger on_ddl",
    ),
    (
        "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)",
        "operator ===(integer, integer)",
    ),
    (
        "CREATE OPERATOR CLASS int_ops FOR TYPE integer USING hash \
         AS OPERATOR 1 =, FUNCTION 1 hashint4(integer)",
        "operator class int_ops USING hash",
    ),
    (
        "CREATE OPERATOR FAMILY fam USING btree",
        "operator family fam USING btree",
    ),
    (
        "CREATE CAST (pair AS text) WITH INOUT",
        "cast (pair AS text)",
    ),
    (
        "CREATE COLLATION bytes (provider = libc, locale = 'C')",
        "collation bytes",
    ),
    (
        "CREATE TEXT SEARCH CONFIGURATION cfg (COPY = simple)",
        "text search configuration cfg",
    ),
    (
        "CREATE TEXT SEARCH DICTIONARY dict (TEMPLATE = simple)",
        "text search dictionary dict",
    ),
    (
        "CREATE TEXT SEARCH TEMPLATE tmpl (LEXIZE = dsimple_lexize, INIT = dsimple_init)",
        "text search template tmpl",
    ),
    (
        "CREATE TEXT SEARCH PARSER prs (START = prsd_start, GETTOKEN = prsd_nexttoken, \
         END = prsd_end, LEXTYPES = prsd_lextype)",
        "text search parser prs",
    ),
    (
        "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
        "conversion conv",
    ),
    (
        "CREATE STATISTICS st (dependencies) ON a, b FROM t",
        "statistics st",
    ),
    ("CREATE PUBLICATION pub", "publication pub"),
    (
        "CREATE SUBSCRIPTION sub CONNECTION 'dbname=none' PUBLICATION pub \
         WITH (connect = false)",
        "subscription sub",
    ),
    (
        "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler",
        "access method heap2",
    ),
    (
        "CREATE LANGUAGE plpgsql2 HANDLER plpgsql_call_handler",
        "language plpgsql2",
    ),
    (
        "CREATE FUNCTION vtf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; \
         CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION vtf()",
        "trigger v.v_ins",
    ),
    (
        "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)",
        "function total(integer)",
    ),
    (
        "CREATE TABLE parted (a integer) PARTITION BY RANGE (a); \
         CREATE TABLE part1 PARTITION OF parted FOR VALUES FROM (0) TO (10)",
        "table parted",
    ),
    (
        "CREATE TABLE base_t (a integer); CREATE TABLE kid (b integer) INHERITS (base_t)",
        "table kid",
    ),
];

fn unmodelled(version: PgVersion) {
    with_cluster(version, |cluster| {
        let sql: Vec<&str> = UNMODELLED.iter().map(|(s, _)| *s).collect();
        let db = db_from_sql(cluster, "unmodelled", &format!("{};", sql.join(";\n")));
        let err = match read(&db) {
            Ok(schema) => panic!("{version}: read a schema the model cannot hold: {schema:?}"),
            Err(e) => e,
        };
        let CatalogError::Unsupported(items) = &err else {
            panic!("{version}: expected a refusal, got {err}");
        };
        let mut objects: Vec<&str> = items.iter().map(|u| u.object.as_str()).collect();
        let mut wanted: Vec<&str> = UNMODELLED
            .iter()
            .map(|(_, o)| *o)
            .filter(|o| !o.is_empty())
            .chain(["table part1"])
            .collect();
        objects.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(objects, wanted, "{version}: {err}");
        let message = err.to_string();
        for part in [
            // PostgreSQL 18's pg_get_viewdef leaves out the table of a column when one
            // table is read (`SELECT a FROM t WHERE (a > 0)`); 15 qualifies it.
            "view v: views are not modelled: SELECT ",
            "type pair: composite types are not modelled (the model has enum types only): \
             (x integer, y text)",
            "domain posint: domains are not modelled: AS integer NOT NULL DEFAULT 1 \
             CHECK ((VALUE > 0))",
            "type span: range types are not modelled (the model has enum types only): \
             SUBTYPE = integer",
            "policy t.own: policies (row level security) are not modelled: AS RESTRICTIVE \
             FOR UPDATE USING ((a > 0)) WITH CHECK ((b > 0))",
            "cast (pair AS text): casts are not modelled: WITH INOUT",
        ] {
            assert!(
                message.contains(part),
                "{version}: no {part:?} in {message}"
            );
        }
    });
}

#[test]
fn every_kind_of_object_the_model_lacks_is_refused_by_name() {
    unmodelled(PgVersion::V15);
}

#[test]
fn every_kind_of_object_the_model_lacks_is_refused_by_name_pg18() {
    unmodelled(PgVersion::V18);
}

/// PostgreSQL 18 keeps NOT NULL as constraints: a plain one is the column's not_null, one the
/// model cannot say (NOT VALID: rows may hold NULLs) is refused.
#[test]
fn not_null_constraints_of_pg18() {
    with_cluster(PgVersion::V18, |cluster| {
        let db = db_from_sql(
            cluster,
            "not_null",
            "CREATE TABLE t (a integer NOT NULL, b integer CONSTRAINT b_required NOT NULL, c integer);",
        );
        let schema = read_ok(&db);
        let t = &schema.tables["t"];
        assert!(t.constraints.is_empty(), "{t:?}");
        assert!(t.columns["a"].not_null && t.columns["b"].not_null && !t.columns["c"].not_null);
        db.exec("ALTER TABLE t ADD CONSTRAINT c_later NOT NULL c NOT VALID;");
        let err = read(&db).unwrap_err();
        assert!(err.to_string().contains("constraint t.c_later"), "{err}");
    });
}

/// Only the schema `current_schema()` names is read; other schemas' objects are not.
#[test]
fn reads_every_user_schema_with_qualified_keys() {
    with_cluster(PgVersion::V15, |cluster| {
        let db = db_from_sql(
            cluster,
            "schemas",
            "CREATE SCHEMA other; CREATE TABLE other.hidden (x integer);
             CREATE TYPE other.e AS ENUM ('a'); CREATE FUNCTION other.f() RETURNS integer
             LANGUAGE sql AS 'SELECT 1'; CREATE TABLE shown (x integer);
             CREATE EXTENSION pgcrypto;",
        );
        db.exec("COMMENT ON SCHEMA other IS 'the other one'; CREATE TABLE schema_migrations (version text PRIMARY KEY);");
        let schema = read_ok(&db);
        // Objects of another schema are keyed schema.name; the runner's table is left out.
        assert_eq!(
            schema.tables.keys().collect::<Vec<_>>(),
            ["other.hidden", "shown"]
        );
        assert_eq!(schema.enums.keys().collect::<Vec<_>>(), ["other.e"]);
        assert_eq!(schema.functions.keys().collect::<Vec<_>>(), ["other.f"]);
        assert_eq!(schema.extensions, ["pgcrypto"]);
        assert_eq!(schema.schemas.keys().collect::<Vec<_>>(), ["other"]);
        assert_eq!(
            schema.schemas["other"].comment.as_deref(),
            Some("the other one")
        );
    });
}

/// An extension installed in a schema of its own (Supabase's `extensions`) keeps it: read
/// from the SQL and from the catalog alike, and put back there by `gen-sql` and `export`.
fn extension_schemas(version: PgVersion) {
    let sql = "CREATE SCHEMA extensions;
CREATE EXTENSION citext WITH SCHEMA extensions;
CREATE EXTENSION pgcrypto;
CREATE TABLE accounts (id bigint PRIMARY KEY, email extensions.citext NOT NULL);";
    let from_sql =
        origin_schema_core::read::sql::read_files(&[origin_schema_core::read::sql::SqlFile {
            name: "extensions.sql".into(),
            sql: sql.into(),
        }])
        .unwrap();
    with_cluster(version, |cluster| {
        let db = db_from_sql(cluster, "extensions", sql);
        let schema = read_ok(&db);
        assert_eq!(schema, from_sql.schema, "{version}");
        assert_eq!(
            schema.extension_schemas.iter().collect::<Vec<_>>(),
            [(&"citext".to_string(), &"extensions".to_string())],
            "{version}"
        );
        assert_eq!(
            schema.tables["accounts"].columns["email"].data_type,
            "extensions.citext"
        );
        let generated = generated_db(cluster, "extensions", schema.clone());
        assert_eq!(read_ok(&generated), schema, "{version}: generated");
        let exported = db_from_sql(cluster, "extensions_exported", &schema_sql(&schema));
        assert_eq!(read_ok(&exported), schema, "{version}: exported");
    });
}

#[test]
fn an_extension_keeps_its_schema() {
    extension_schemas(PgVersion::V15);
}

#[test]
fn an_extension_keeps_its_schema_pg18() {
    extension_schemas(PgVersion::V18);
}

/// Sequences, serial columns, identity and stored generated columns: read from the SQL
/// that makes them and from the catalog of a database built with it, the same model.
fn sequences_read_alike(version: PgVersion) {
    let sql = "CREATE SEQUENCE counter AS integer INCREMENT BY 5 START WITH 100 CACHE 10 CYCLE;
CREATE SEQUENCE plain;
CREATE TABLE orders (
    id serial PRIMARY KEY,
    big bigserial,
    small smallserial,
    ref bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10),
    code integer GENERATED BY DEFAULT AS IDENTITY,
    net numeric(10,2) NOT NULL DEFAULT 0,
    gross numeric(10,2) GENERATED ALWAYS AS (net * 1.2) STORED,
    n integer DEFAULT nextval('counter'::regclass)
);
ALTER SEQUENCE counter OWNED BY orders.n;
COMMENT ON SEQUENCE plain IS 'spare';";
    let from_sql =
        origin_schema_core::read::sql::read_files(&[origin_schema_core::read::sql::SqlFile {
            name: "seq.sql".into(),
            sql: sql.into(),
        }])
        .unwrap();
    with_cluster(version, |cluster| {
        let db = db_from_sql(cluster, "sequences", sql);
        let from_catalog = read_ok(&db);
        assert_eq!(
            from_catalog, from_sql.schema,
            "{version}: warnings {:?}",
            from_sql.warnings
        );
        assert_eq!(from_catalog.sequences.len(), 5, "{version}");
    });
}

#[test]
fn sequences_identity_and_generated_columns_read_alike() {
    sequences_read_alike(PgVersion::V15);
}

#[test]
fn sequences_identity_and_generated_columns_read_alike_pg18() {
    sequences_read_alike(PgVersion::V18);
}

/// Every form of index, constraint, column and table option the model holds.
const EVERY_FORM: &str = r#"
CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    code character varying(20) COLLATE "C",
    label text,
    flags integer[],
    during tstzrange,
    active boolean DEFAULT true NOT NULL,
    blob bytea,
    CONSTRAINT accounts_pkey PRIMARY KEY (id) INCLUDE (email) WITH (fillfactor = 70),
    CONSTRAINT accounts_code_key UNIQUE NULLS NOT DISTINCT (code) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT accounts_label_key UNIQUE (label) WITH (fillfactor = 90) DEFERRABLE,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&, int4range(id, id + 1) WITH &&)
        INCLUDE (code) WITH (fillfactor = 80) WHERE (active) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT positive CHECK (id > 0) NO INHERIT
) WITH (fillfactor = 60, autovacuum_enabled = false);
ALTER TABLE accounts ALTER COLUMN blob SET STORAGE EXTERNAL;
ALTER TABLE accounts ALTER COLUMN email SET STORAGE MAIN;
ALTER TABLE accounts ALTER COLUMN label SET STATISTICS 500;
ALTER TABLE accounts ALTER COLUMN flags SET STATISTICS 0;
COMMENT ON TABLE accounts IS 'who''s who';
COMMENT ON CONSTRAINT positive ON accounts IS 'ids start at 1';
COMMENT ON CONSTRAINT no_overlap ON accounts IS 'one at a time';
CREATE UNIQUE INDEX accounts_email_uniq ON accounts (email) NULLS NOT DISTINCT;
CREATE INDEX accounts_search ON accounts (lower(email) DESC NULLS LAST, (id + 1),
    email COLLATE "C" text_pattern_ops, code NULLS FIRST, lower(label) COLLATE "C")
    INCLUDE (active) WITH (fillfactor = 50, deduplicate_items = off) WHERE active;
CREATE INDEX accounts_flags ON accounts USING gin (flags);
CREATE INDEX accounts_code_desc ON accounts (code DESC, label COLLATE "POSIX");
CREATE INDEX accounts_label_first ON accounts (label NULLS FIRST, id DESC NULLS LAST)
    WITH (deduplicate_items = false);
COMMENT ON INDEX accounts_flags IS 'array search';
CREATE UNLOGGED TABLE scratch (k integer PRIMARY KEY, v text COLLATE "POSIX");
COMMENT ON TABLE scratch IS 'thrown away on a crash';
CREATE TABLE orders (
    id integer PRIMARY KEY,
    account integer,
    email text,
    CONSTRAINT orders_account_fkey FOREIGN KEY (account) REFERENCES accounts (id)
        MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
ALTER TABLE orders ADD CONSTRAINT orders_email_fkey FOREIGN KEY (email)
    REFERENCES accounts (email) ON UPDATE SET NULL DEFERRABLE NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_id_check CHECK (id < 1000000) NOT VALID;
COMMENT ON CONSTRAINT orders_email_fkey ON orders IS 'checked later';
"#;

fn params(pairs: &[(&str, &str)]) -> StorageParams {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// [`EVERY_FORM`] as the model holds it, field by field.
fn every_form_schema() -> Schema {
    let col = |ty: &str| Column::new(ty);
    let key = IndexKey::column;
    let mut accounts = Table {
        unlogged: false,
        with: params(&[("fillfactor", "60"), ("autovacuum_enabled", "false")]),
        comment: Some("who's who".into()),
        ..Table::default()
    };
    accounts.columns.insert(
        "id".into(),
        Column {
            not_null: true,
            ..col("integer")
        },
    );
    accounts.columns.insert(
        "email".into(),
        Column {
            not_null: true,
            storage: Some("main".into()),
            ..col("text")
        },
    );
    accounts.columns.insert(
        "code".into(),
        Column {
            collation: Some("\"C\"".into()),
            ..col("character varying(20)")
        },
    );
    accounts.columns.insert(
        "label".into(),
        Column {
            statistics: Some(500),
            ..col("text")
        },
    );
    accounts.columns.insert(
        "flags".into(),
        Column {
            statistics: Some(0),
            ..col("integer[]")
        },
    );
    accounts.columns.insert("during".into(), col("tstzrange"));
    accounts.columns.insert(
        "active".into(),
        Column {
            not_null: true,
            default: Some("true".into()),
            ..col("boolean")
        },
    );
    accounts.columns.insert(
        "blob".into(),
        Column {
            storage: Some("external".into()),
            ..col("bytea")
        },
    );
    accounts.constraints.insert(
        "accounts_code_key".into(),
        Constraint::Unique {
            columns: strings(&["code"]),
            nulls_not_distinct: true,
            index: KeyIndex::default(),
            deferrable: Deferral::Deferred,
            comment: None,
        },
    );
    accounts.constraints.insert(
        "accounts_label_key".into(),
        Constraint::Unique {
            columns: strings(&["label"]),
            nulls_not_distinct: false,
            index: KeyIndex {
                include: vec![],
                with: params(&[("fillfactor", "90")]),
            },
            deferrable: Deferral::Immediate,
            comment: None,
        },
    );
    accounts.constraints.insert(
        "accounts_pkey".into(),
        Constraint::PrimaryKey {
            columns: strings(&["id"]),
            index: KeyIndex {
                include: strings(&["email"]),
                with: params(&[("fillfactor", "70")]),
            },
            deferrable: Deferral::No,
            comment: None,
        },
    );
    accounts.constraints.insert(
        "no_overlap".into(),
        Constraint::Exclude {
            method: "gist".into(),
            elements: vec![
                ExcludeElement {
                    key: key("during"),
                    operator: "&&".into(),
                },
                ExcludeElement {
                    key: IndexKey::expression("int4range(id, (id + 1))"),
                    operator: "&&".into(),
                },
            ],
            index: KeyIndex {
                include: strings(&["code"]),
                with: params(&[("fillfactor", "80")]),
            },
            predicate: Some("active".into()),
            deferrable: Deferral::Deferred,
            comment: Some("one at a time".into()),
        },
    );
    accounts.constraints.insert(
        "positive".into(),
        Constraint::Check {
            expression: "(id > 0)".into(),
            source: None,
            no_inherit: true,
            not_valid: false,
            comment: Some("ids start at 1".into()),
        },
    );
    accounts.indexes.insert(
        "accounts_code_desc".into(),
        Index {
            columns: vec![
                key("code").ordered(true, None),
                IndexKey {
                    collation: Some("\"POSIX\"".into()),
                    ..key("label")
                },
            ],
            ..Index::on(&[])
        },
    );
    accounts.indexes.insert(
        "accounts_email_uniq".into(),
        Index {
            unique: true,
            nulls_not_distinct: true,
            ..Index::on(&["email"])
        },
    );
    accounts.indexes.insert(
        "accounts_flags".into(),
        Index {
            method: Some("gin".into()),
            comment: Some("array search".into()),
            ..Index::on(&["flags"])
        },
    );
    accounts.indexes.insert(
        "accounts_label_first".into(),
        Index {
            columns: vec![
                key("label").ordered(false, Some(true)),
                key("id").ordered(true, Some(false)),
            ],
            with: params(&[("deduplicate_items", "false")]),
            ..Index::on(&[])
        },
    );
    accounts.indexes.insert(
        "accounts_search".into(),
        Index {
            columns: vec![
                IndexKey::expression("lower(email)").ordered(true, Some(false)),
                IndexKey::expression("((id + 1))"),
                IndexKey {
                    collation: Some("\"C\"".into()),
                    opclass: Some("text_pattern_ops".into()),
                    ..key("email")
                },
                key("code").ordered(false, Some(true)),
                IndexKey {
                    collation: Some("\"C\"".into()),
                    ..IndexKey::expression("lower(label)")
                },
            ],
            include: strings(&["active"]),
            with: params(&[("fillfactor", "50"), ("deduplicate_items", "off")]),
            predicate: Some("active".into()),
            ..Index::on(&[])
        },
    );

    let mut orders = Table::default();
    orders.columns.insert(
        "id".into(),
        Column {
            not_null: true,
            ..col("integer")
        },
    );
    orders.columns.insert("account".into(), col("integer"));
    orders.columns.insert("email".into(), col("text"));
    orders.constraints.insert(
        "orders_account_fkey".into(),
        Constraint::ForeignKey {
            columns: strings(&["account"]),
            references: Reference {
                table: "accounts".into(),
                columns: strings(&["id"]),
            },
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            match_full: true,
            deferrable: Deferral::Deferred,
            not_valid: false,
            comment: None,
        },
    );
    orders.constraints.insert(
        "orders_email_fkey".into(),
        Constraint::ForeignKey {
            columns: strings(&["email"]),
            references: Reference {
                table: "accounts".into(),
                columns: strings(&["email"]),
            },
            on_delete: FkAction::NoAction,
            on_update: FkAction::SetNull,
            match_full: false,
            deferrable: Deferral::Immediate,
            not_valid: true,
            comment: Some("checked later".into()),
        },
    );
    orders.constraints.insert(
        "orders_id_check".into(),
        Constraint::Check {
            expression: "(id < 1000000)".into(),
            source: None,
            no_inherit: false,
            not_valid: true,
            comment: None,
        },
    );
    orders.constraints.insert(
        "orders_pkey".into(),
        Constraint::primary_key(strings(&["id"])),
    );

    let mut scratch = Table {
        unlogged: true,
        comment: Some("thrown away on a crash".into()),
        ..Table::default()
    };
    scratch.columns.insert(
        "k".into(),
        Column {
            not_null: true,
            ..col("integer")
        },
    );
    scratch.columns.insert(
        "v".into(),
        Column {
            collation: Some("\"POSIX\"".into()),
            ..col("text")
        },
    );
    scratch.constraints.insert(
        "scratch_pkey".into(),
        Constraint::primary_key(strings(&["k"])),
    );

    let mut schema = Schema::default();
    schema.tables.insert("accounts".into(), accounts);
    schema.tables.insert("orders".into(), orders);
    schema.tables.insert("scratch".into(), scratch);
    schema
}

/// The files `gen-sql` writes for `origin` against an empty current schema, applied to a
/// new database (twice: they are idempotent).
fn generated_db(cluster: &Cluster, what: &str, origin: Schema) -> Db {
    let db = new_db(cluster, "generated");
    apply_gen_sql(&db, what, origin, None);
    db
}

/// `pg_dump` statements of two databases, equal (`pg_dump` is Debian's 15: PostgreSQL 15
/// only).
fn assert_same_dump(expected: &Db, actual: &Db, context: &str) {
    let c = compare(
        &expected.schema_dump().unwrap(),
        &actual.schema_dump().unwrap(),
    );
    if let Some(problem) = c.outcome("catalog reader", context) {
        panic!("{problem}");
    }
}

fn every_form(version: PgVersion) {
    with_cluster(version, |cluster| {
        let db = db_from_sql(cluster, "every_form", EVERY_FORM);
        let schema = read_ok(&db);
        assert_same_schema(
            &every_form_schema(),
            &schema,
            &format!("{version}: every form"),
        );
        assert_eq!(schema, every_form_schema());

        // The migration generated for it loads, reads back the same, dumps the same.
        let generated = generated_db(cluster, "every form", schema.clone());
        assert_same_schema(
            &schema,
            &read_ok(&generated),
            &format!("{version}: every form, generated and read again"),
        );
        // So does `export`'s plain SQL.
        let exported = db_from_sql(cluster, "every_form_exported", &schema_sql(&schema));
        assert_same_schema(
            &schema,
            &read_ok(&exported),
            &format!("{version}: every form, exported and read again"),
        );
        if version == PgVersion::V15 {
            assert_same_dump(
                &db,
                &generated,
                &format!("{version}: every form, generated"),
            );
            assert_same_dump(&db, &exported, &format!("{version}: every form, exported"));
        }
    });
}

#[test]
fn every_form_of_index_constraint_column_and_table_reads() {
    every_form(PgVersion::V15);
}

#[test]
fn every_form_of_index_constraint_column_and_table_reads_pg18() {
    every_form(PgVersion::V18);
}

#[test]
fn a_virtual_generated_column_is_refused_pg18() {
    with_cluster(PgVersion::V18, |cluster| {
        let db = db_from_sql(
            cluster,
            "virtual",
            "CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS (a * 2) VIRTUAL);",
        );
        let err = read(&db).expect_err("a virtual column").to_string();
        assert!(
            err.contains("column t.b: a virtual generated column"),
            "{err}"
        );
    });
}
