//! Literal rows, as PostgreSQL 15 and 18 print them, to models and refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::functions::setting_values;
use super::*;
use crate::model::{
    Column, Constraint, EnumType, FkAction, Function, Index, Reference, Table, Trigger,
    TriggerEvent, TriggerLevel, TriggerTiming,
};

/// A row from cells; `\N` is NULL.
fn row(cells: &[&str]) -> Row {
    cells
        .iter()
        .map(|c| (*c != "\\N").then(|| c.to_string()))
        .collect()
}

fn column(table: &str, attnum: &str, name: &str, ty: &str, not_null: &str, default: &str) -> Row {
    row(&[
        table, "r", "false", attnum, name, ty, not_null, default, "\\N", "", "", "\\N", "\\N",
        "\\N", "\\N", "false", "\\N", "\\N", "\\N", "false", "false",
    ])
}

/// A plain key's entry of `index_keys_json`.
fn key_json(column: &str) -> String {
    format!(
        r#"{{"column": "{column}", "text": "{column}", "key": true, "collation": null, "opclass": null, "option": 0}}"#
    )
}

/// A constraint row from its first 15 cells: not deferrable, valid, MATCH SIMPLE, no
/// comment; a primary key's or unique constraint's plain btree index on its columns.
fn con(cells: &[&str]) -> Row {
    let mut r = row(cells);
    let keyed = matches!(cells[2], "p" | "u");
    let keys = keyed.then(|| {
        let columns: Vec<String> = serde_json::from_str(cells[3]).unwrap();
        let each: Vec<String> = columns.iter().map(|c| key_json(c)).collect();
        format!("[{}]", each.join(", "))
    });
    r.extend([
        Some("false".into()),
        Some("false".into()),
        Some("true".into()),
        Some("false".into()),
        Some(if cells[2] == "f" { "s" } else { " " }.into()),
        keyed.then(|| "btree".into()),
        keys,
        None,
        None,
        None,
        keyed.then(|| "false".into()),
        None,
        None,
    ]);
    r
}

/// The rows of a `files` table and a `users` table, as PostgreSQL 18 gives them.
fn files_rows() -> CatalogRows {
    CatalogRows {
        schemas: vec![row(&["public", "standard public schema"])],
        extensions: vec![row(&["pgcrypto", "public"])],
        sequences: Vec::new(),
        enums: vec![row(&["visibility", r#"["public", "unlisted", "private"]"#])],
        columns: vec![
            column("files", "1", "id", "uuid", "true", "gen_random_uuid()"),
            column("files", "2", "owner_id", "uuid", "false", "\\N"),
            column("files", "3", "size_bytes", "bigint", "true", "0"),
            row(&[
                "files",
                "r",
                "false",
                "4",
                "status",
                "character varying(20)",
                "false",
                "'public'::character varying",
                "legacy: it's kept",
                "",
                "",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                "false",
                "\\N",
                "\\N",
                "\\N", "false", "false",
            ]),
            column("users", "1", "id", "uuid", "true", "\\N"),
        ],
        constraints: vec![
            con(&[
                "files",
                "files_id_not_null",
                "n",
                r#"["id"]"#,
                "id",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                " ",
                " ",
                "NOT NULL id",
                "\\N",
                "public",
            ]),
            con(&[
                "files",
                "files_owner_id_fkey",
                "f",
                r#"["owner_id"]"#,
                "owner_id",
                "public",
                "users",
                "users",
                r#"["id"]"#,
                "id",
                "n",
                "c",
                "FOREIGN KEY (owner_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL",
                "\\N",
                "public",
            ]),
            con(&[
                "files",
                "files_pkey",
                "p",
                r#"["id"]"#,
                "id",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                " ",
                " ",
                "PRIMARY KEY (id)",
                "\\N",
                "public",
            ]),
            con(&[
                "files",
                "files_size_bytes_check",
                "c",
                r#"["size_bytes"]"#,
                "size_bytes",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                " ",
                " ",
                "CHECK ((size_bytes >= 0))",
                "(size_bytes >= 0)",
                "public",
            ]),
            con(&[
                "files",
                "files_status_owner_id_key",
                "u",
                r#"["status", "owner_id"]"#,
                "status, owner_id",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                "\\N",
                " ",
                " ",
                "UNIQUE (status, owner_id)",
                "\\N",
                "public",
            ]),
        ],
        indexes: vec![
            row(&[
                "files",
                "idx_files_live",
                "btree",
                "false",
                "true",
                &format!("[{}, {}]", key_json("owner_id"), key_json("size_bytes")),
                "false",
                "\\N",
                "(status IS NULL)",
                "CREATE INDEX idx_files_live ON public.files USING btree (owner_id, size_bytes) WHERE (status IS NULL)",
                "idx_files_live",
                "public.files",
                "\\N",
                "\\N",
            ]),
            row(&[
                "files",
                "Status Hash",
                "hash",
                "false",
                "true",
                &format!("[{}]", key_json("status")),
                "false",
                "\\N",
                "\\N",
                "CREATE INDEX \"Status Hash\" ON public.files USING hash (status)",
                "\"Status Hash\"",
                "public.files",
                "\\N",
                "\\N",
            ]),
        ],
        triggers: vec![
            row(&[
                "files",
                "sync_status",
                // ROW | BEFORE | INSERT | UPDATE
                "23",
                "O",
                r#"["status", "owner_id"]"#,
                "status, owner_id",
                "sync",
                "sync",
                "CREATE TRIGGER sync_status BEFORE INSERT OR UPDATE OF status, owner_id ON public.files FOR EACH ROW EXECUTE FUNCTION sync()",
                "sync_status",
                "public.files",
            ]),
            row(&[
                "files",
                "wipe",
                // AFTER TRUNCATE, statement level
                "32",
                "D",
                "\\N",
                "\\N",
                "sync",
                "sync",
                "CREATE TRIGGER wipe AFTER TRUNCATE ON public.files FOR EACH STATEMENT EXECUTE FUNCTION sync()",
                "wipe",
                "public.files",
            ]),
        ],
        functions: vec![row(&[
            "sync",
            "f",
            "",
            "trigger",
            "plpgsql",
            "\nBEGIN\n    RETURN NEW;\nEND;\n",
            "true",
            r#"["search_path=public, \"My Schema\", pg_temp", "work_mem=64MB"]"#,
            "false",
            "false",
            "",
        ])],
        unmodelled: Vec::new(),
    }
}

fn files_schema() -> Schema {
    let mut files = Table::default();
    let mut col = |name: &str, ty: &str, not_null: bool, default: Option<&str>| {
        files.columns.insert(
            name.into(),
            Column {
                data_type: ty.into(),
                not_null,
                default: default.map(Into::into),
                identity: None,
                generated: None,
                comment: None,
                ..Column::new("")
            },
        );
    };
    col("id", "uuid", true, Some("gen_random_uuid()"));
    col("owner_id", "uuid", false, None);
    col("size_bytes", "bigint", true, Some("0"));
    col(
        "status",
        "character varying(20)",
        false,
        Some("'public'::character varying"),
    );
    if let Some(status) = files.columns.get_mut("status") {
        status.comment = Some("legacy: it's kept".into());
    }
    files.constraints.insert(
        "files_owner_id_fkey".into(),
        Constraint::foreign_key(
            vec!["owner_id".into()],
            Reference {
                table: "users".into(),
                columns: vec!["id".into()],
            },
            FkAction::SetNull,
            FkAction::Cascade,
        ),
    );
    files.constraints.insert(
        "files_pkey".into(),
        Constraint::primary_key(vec!["id".into()]),
    );
    files.constraints.insert(
        "files_size_bytes_check".into(),
        Constraint::check("(size_bytes >= 0)".into(), None),
    );
    files.constraints.insert(
        "files_status_owner_id_key".into(),
        Constraint::unique(vec!["status".into(), "owner_id".into()]),
    );
    files.indexes.insert(
        "idx_files_live".into(),
        Index {
            predicate: Some("(status IS NULL)".into()),
            ..Index::on(&["owner_id", "size_bytes"])
        },
    );
    files.indexes.insert(
        "Status Hash".into(),
        Index {
            method: Some("hash".into()),
            ..Index::on(&["status"])
        },
    );
    files.triggers.insert(
        "sync_status".into(),
        Trigger {
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Insert, TriggerEvent::Update],
            update_of: vec!["status".into(), "owner_id".into()],
            level: TriggerLevel::Row,
            function: "sync".into(),
            enabled: true,
        },
    );
    files.triggers.insert(
        "wipe".into(),
        Trigger {
            timing: TriggerTiming::After,
            events: vec![TriggerEvent::Truncate],
            update_of: vec![],
            level: TriggerLevel::Statement,
            function: "sync".into(),
            enabled: false,
        },
    );
    let mut users = Table::default();
    users.columns.insert(
        "id".into(),
        Column {
            data_type: "uuid".into(),
            not_null: true,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            ..Column::new("")
        },
    );
    let mut schema = Schema {
        extensions: vec!["pgcrypto".into()],
        ..Schema::default()
    };
    schema.enums.insert(
        "visibility".into(),
        EnumType {
            labels: vec!["public".into(), "unlisted".into(), "private".into()],
        },
    );
    schema.tables.insert("files".into(), files);
    schema.tables.insert("users".into(), users);
    schema.functions.insert(
        "sync".into(),
        Function {
            arguments: String::new(),
            returns: "trigger".into(),
            language: "plpgsql".into(),
            body: "\nBEGIN\n    RETURN NEW;\nEND;\n".into(),
            security_definer: true,
            config: [
                (
                    "search_path".to_string(),
                    vec!["public".to_string(), "My Schema".into(), "pg_temp".into()],
                ),
                ("work_mem".to_string(), vec!["64MB".to_string()]),
            ]
            .into_iter()
            .collect(),
        },
    );
    schema
}

fn refusals(rows: &CatalogRows) -> Vec<String> {
    match schema_from_rows(rows) {
        Err(CatalogError::Unsupported(items)) => items.iter().map(|u| u.to_string()).collect(),
        other => panic!("expected refusals, got {other:?}"),
    }
}

#[test]
fn rows_become_the_model_in_canonical_spelling() {
    let schema = schema_from_rows(&files_rows()).unwrap();
    assert_eq!(schema, files_schema());
    // Vec order: labels, key columns, UPDATE OF, events as the model orders them.
    let files = &schema.tables["files"];
    assert_eq!(
        files.triggers["sync_status"].update_of,
        ["status", "owner_id"]
    );
    assert_eq!(
        files.columns.keys().collect::<Vec<_>>(),
        ["id", "owner_id", "size_bytes", "status"]
    );
    // PostgreSQL 18's NOT NULL constraint is the column's not_null, not a constraint.
    assert!(!files.constraints.contains_key("files_id_not_null"));
    assert!(files.columns["id"].not_null);
}

#[test]
fn no_rows_is_an_empty_schema_and_a_table_without_columns_is_kept() {
    assert_eq!(
        schema_from_rows(&CatalogRows::default()).unwrap(),
        Schema::default()
    );
    let rows = CatalogRows {
        columns: vec![row(&[
            "nothing", "r", "false", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N",
            "\\N", "\\N", "\\N", "false", "\\N", "\\N", "\\N", "false", "false",
        ])],
        ..CatalogRows::default()
    };
    let schema = schema_from_rows(&rows).unwrap();
    assert_eq!(schema.tables["nothing"], Table::default());
}

#[test]
fn an_extension_outside_public_keeps_its_schema() {
    let rows = CatalogRows {
        schemas: vec![row(&["extensions", "\\N"])],
        extensions: vec![row(&["citext", "extensions"]), row(&["pgcrypto", "public"])],
        ..CatalogRows::default()
    };
    let schema = schema_from_rows(&rows).unwrap();
    assert_eq!(schema.extensions, ["citext", "pgcrypto"]);
    // public is left out: it is what every extension without an entry is in.
    assert_eq!(
        schema.extension_schemas.into_iter().collect::<Vec<_>>(),
        [("citext".to_string(), "extensions".to_string())]
    );
}

#[test]
fn trigger_bits_give_timing_events_and_level() {
    let mut rows = files_rows();
    // INSTEAD OF | ROW | INSERT | DELETE (on a view in real life; bits are bits here).
    rows.triggers[0][2] = Some((64 | 1 | 4 | 8).to_string());
    rows.triggers[0][4] = None;
    rows.triggers[0][5] = None;
    rows.triggers[0][8] = Some(
        "CREATE TRIGGER sync_status INSTEAD OF INSERT OR DELETE ON public.files FOR EACH ROW EXECUTE FUNCTION sync()"
            .into(),
    );
    let schema = schema_from_rows(&rows).unwrap();
    let t = &schema.tables["files"].triggers["sync_status"];
    assert_eq!(t.timing, TriggerTiming::InsteadOf);
    assert_eq!(t.events, [TriggerEvent::Insert, TriggerEvent::Delete]);
    assert!(t.update_of.is_empty());
    assert_eq!(t.level, TriggerLevel::Row);
}

#[test]
fn what_the_model_cannot_hold_is_refused_all_at_once() {
    let mut rows = files_rows();
    // An index in another tablespace.
    rows.indexes[0][12] = Some("fast".into());
    // A DESC column: the definition says more than the keys.
    rows.indexes[1][9] =
        Some("CREATE INDEX \"Status Hash\" ON public.files USING hash (status DESC)".into());
    // Definitions that say more than the flags (DEFERRABLE, NOT VALID), an invalid NOT
    // NULL, a constraint trigger, MATCH PARTIAL.
    rows.constraints[4][12] = Some("UNIQUE (status, owner_id) DEFERRABLE".into());
    rows.constraints[3][12] = Some("CHECK ((size_bytes >= 0)) NOT VALID".into());
    rows.constraints[0][12] = Some("NOT NULL id NOT VALID".into());
    rows.constraints[2][2] = Some("t".into());
    rows.constraints[1][19] = Some("p".into());
    // A trigger enabled REPLICA, a WHEN clause.
    rows.triggers[0][3] = Some("R".into());
    rows.triggers[1][8] = Some(
        "CREATE TRIGGER wipe AFTER TRUNCATE ON public.files FOR EACH STATEMENT WHEN (true) EXECUTE FUNCTION sync()"
            .into(),
    );
    // An overload; a procedure. (Identity columns are modelled: `sequences.rs`.)
    let mut overload = rows.functions[0].clone();
    overload[2] = Some("x integer".into());
    overload[10] = Some("x integer".into());
    let mut procedure = rows.functions[0].clone();
    procedure[0] = Some("proc".into());
    procedure[1] = Some("p".into());
    rows.functions.extend([overload, procedure]);
    let got = refusals(&rows);
    let objects: Vec<&str> = got
        .iter()
        .map(|r| r.split(": ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        objects,
        [
            "constraint files.files_id_not_null",
            "constraint files.files_owner_id_fkey",
            "constraint files.files_pkey",
            "constraint files.files_size_bytes_check",
            "constraint files.files_status_owner_id_key",
            "index files.idx_files_live",
            "index files.Status Hash",
            "trigger files.sync_status",
            "trigger files.wipe",
            "function sync(x integer)",
            "function proc()",
        ],
        "{got:#?}"
    );
    assert!(got[1].contains("MATCH PARTIAL"), "{}", got[1]);
    assert!(got[2].contains("constraint trigger"), "{}", got[2]);
    assert!(
        got[4].contains("can only say `UNIQUE (status, owner_id)`"),
        "{}",
        got[4]
    );
    assert!(got[5].contains("TABLESPACE fast"), "{}", got[5]);
    assert!(got[6].contains("(status DESC)"), "{}", got[6]);
    assert!(got[7].contains("REPLICA"), "{}", got[7]);
    assert!(got[9].contains("overloads sync()"), "{}", got[9]);
    assert!(got[10].contains("procedure"), "{}", got[10]);
    let message = schema_from_rows(&rows).unwrap_err().to_string();
    assert!(
        message.starts_with(
            "11 object(s) in the database cannot be modelled: constraint files.files_id_not_null: "
        ),
        "{message}"
    );
}

#[test]
fn inheritance_and_partitions_are_refused() {
    let mut rows = files_rows();
    rows.columns[4][1] = Some("p".into());
    let got = refusals(&rows);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].starts_with("table users: a partitioned table"),
        "{got:#?}"
    );
}

#[test]
fn malformed_rows_are_errors_naming_the_query() {
    let mut rows = files_rows();
    rows.columns[0].pop();
    assert_eq!(
        schema_from_rows(&rows).unwrap_err(),
        CatalogError::Row {
            query: "columns",
            message: "a row has 20 column(s), the query gives 21".into()
        }
    );
    let mut rows = files_rows();
    rows.columns[0][6] = Some("yes".into());
    let err = schema_from_rows(&rows).unwrap_err().to_string();
    assert_eq!(err, "catalog columns: column 7 is \"yes\", not a boolean");
    let mut rows = files_rows();
    rows.enums[0][1] = Some("{public,private}".into());
    let err = schema_from_rows(&rows).unwrap_err().to_string();
    assert!(
        err.starts_with("catalog enums: column 2 is not a JSON array"),
        "{err}"
    );
    let mut rows = files_rows();
    rows.functions[0][5] = None;
    let err = schema_from_rows(&rows).unwrap_err().to_string();
    assert_eq!(err, "catalog functions: column 6 is NULL");
    let mut rows = files_rows();
    rows.indexes[0][0] = Some("ghost".into());
    rows.indexes[0][11] = Some("public.ghost".into());
    rows.indexes[0][5] = Some(format!(
        "[{}, {}]",
        key_json("owner_id"),
        key_json("size_bytes")
    ));
    rows.indexes[0][9] = Some(
        "CREATE INDEX idx_files_live ON public.ghost USING btree (owner_id, size_bytes) WHERE (status IS NULL)".into(),
    );
    let err = schema_from_rows(&rows).unwrap_err().to_string();
    assert!(
        err.contains("index ghost.idx_files_live: no such table"),
        "{err}"
    );
}

#[test]
fn set_options_split_list_settings_only() {
    assert_eq!(
        setting_values("search_path", "public, pg_temp"),
        ["public", "pg_temp"]
    );
    assert_eq!(
        setting_values("search_path", r#""My Schema", "a""b", "x,y", "$user""#),
        ["My Schema", "a\"b", "x,y", "$user"]
    );
    assert_eq!(setting_values("search_path", ""), Vec::<String>::new());
    assert_eq!(setting_values("work_mem", "64MB"), ["64MB"]);
    assert_eq!(setting_values("DateStyle", "ISO, MDY"), ["ISO, MDY"]);
}

#[test]
fn contract_drift_lists_each_side_sorted_and_nothing_when_equal() {
    let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let a = lines(&["table b", "table a", "column a.x integer NULL"]);
    let b = lines(&["table a", "column a.x integer NOT NULL", "table c"]);
    assert!(contract_drift(&a, &a.iter().rev().cloned().collect::<Vec<_>>()).is_empty());
    assert_eq!(
        contract_drift(&a, &b),
        [
            "+ column a.x integer NOT NULL",
            "- column a.x integer NULL",
            "- table b",
            "+ table c"
        ]
    );
    let twice = lines(&["table a", "table a"]);
    assert_eq!(contract_drift(&twice, &lines(&["table a"])), ["- table a"]);
    assert_eq!(contract_drift(&[], &twice), ["+ table a", "+ table a"]);
}

#[test]
fn the_queries_read_every_user_schema_and_leave_extension_objects_out() {
    for (name, sql) in [
        ("enums", QUERIES.enums),
        ("columns", QUERIES.columns),
        ("constraints", QUERIES.constraints),
        ("indexes", QUERIES.indexes),
        ("triggers", QUERIES.triggers),
        ("functions", QUERIES.functions),
        ("unmodelled", QUERIES.unmodelled),
        ("contract", CONTRACT_QUERY),
    ] {
        assert!(sql.contains("d.deptype = 'e'"), "{name}");
        if name == "contract" {
            // CONTRACT.md compares the current schema.
            assert!(sql.contains("current_schema()"), "{name}");
        } else {
            assert!(
                sql.contains("NOT IN ('pg_catalog', 'information_schema')"),
                "{name}"
            );
            // Keys: `schema.name` outside public.
            assert!(sql.contains("= 'public' THEN"), "{name}");
        }
    }
    assert!(QUERIES.extensions.contains("<> 'plpgsql'"));
    assert!(QUERIES.indexes.contains("k.ord <= i.indnkeyatts"));
    // Keys as the whole definition prints them (not pretty); PostgreSQL 14 has no
    // indnullsnotdistinct; attstattarget is -1 (up to 16) or NULL (17+) by default.
    for sql in [QUERIES.indexes, QUERIES.constraints] {
        assert!(sql.contains("pg_get_indexdef(i.indexrelid, k.ord::int, false)"));
        assert!(sql.contains("to_jsonb(i) ->> 'indnullsnotdistinct'"));
        assert!(sql.contains("pg_options_to_table(ic.reloptions)"));
    }
    assert!(QUERIES
        .constraints
        .contains("obj_description(co.oid, 'pg_constraint')"));
    assert!(QUERIES.constraints.contains("co.conexclop"));
    assert!(QUERIES.columns.contains("a.attstattarget >= 0"));
    assert!(QUERIES
        .columns
        .contains("obj_description(t.oid, 'pg_class')"));
    assert!(QUERIES.triggers.contains("NOT tg.tgisinternal"));
}

/// An entry of `index_keys_json`.
fn key_entry(column: Option<&str>, text: &str, key: bool, extra: &str, option: i32) -> String {
    let column = column.map_or("null".to_string(), |c| format!("\"{c}\""));
    format!(
        r#"{{"column": {column}, "text": "{text}", "key": {key}, {extra}, "option": {option}}}"#
    )
}

#[test]
fn every_new_field_is_read_from_the_rows() {
    use crate::model::{Deferral, ExcludeElement, IndexKey, KeyIndex};
    let mut rows = files_rows();
    // Columns: collation, storage, statistics; the table: unlogged, WITH, comment.
    for r in rows
        .columns
        .iter_mut()
        .filter(|r| r[0].as_deref() == Some("files"))
    {
        r[15] = Some("true".into());
        r[16] = Some(r#"[["fillfactor", "60"], ["autovacuum_enabled", "false"]]"#.into());
        r[17] = Some("files, kept".into());
    }
    rows.columns[3][12] = Some("\"C\"".into());
    rows.columns[3][13] = Some("main".into());
    rows.columns[3][14] = Some("0".into());
    // An index of every form; its expression key's collation is the expression's own
    // (the query saw only the type's): read without it.
    let no = r#""collation": null, "opclass": null"#;
    rows.indexes[0][5] = Some(format!(
        "[{}, {}, {}, {}]",
        key_entry(
            None,
            "lower((status)::text)",
            true,
            r#""collation": "\"C\"", "opclass": null"#,
            3
        ),
        key_entry(
            Some("status"),
            "status",
            true,
            r#""collation": "\"POSIX\"", "opclass": "varchar_pattern_ops""#,
            2
        ),
        key_entry(None, "((size_bytes + 1))", true, no, 3),
        key_entry(Some("owner_id"), "owner_id", false, no, 0),
    ));
    rows.indexes[0][3] = Some("true".into());
    rows.indexes[0][6] = Some("true".into());
    rows.indexes[0][7] = Some(r#"[["fillfactor", "50"], ["deduplicate_items", "off"]]"#.into());
    rows.indexes[0][9] = Some(
        "CREATE UNIQUE INDEX idx_files_live ON public.files USING btree (lower((status)::text) DESC, \
         status COLLATE \"POSIX\" varchar_pattern_ops NULLS FIRST, ((size_bytes + 1)) DESC) \
         INCLUDE (owner_id) NULLS NOT DISTINCT WITH (fillfactor='50', deduplicate_items=off) \
         WHERE (status IS NULL)"
            .into(),
    );
    rows.indexes[0][13] = Some("live ones".into());
    // The foreign key: MATCH FULL, deferred, NOT VALID, commented.
    let fk = &mut rows.constraints[1];
    fk[15] = Some("true".into());
    fk[16] = Some("true".into());
    fk[17] = Some("false".into());
    fk[19] = Some("f".into());
    fk[27] = Some("later".into());
    fk[12] = Some(
        "FOREIGN KEY (owner_id) REFERENCES users(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET \
         NULL DEFERRABLE INITIALLY DEFERRED NOT VALID"
            .into(),
    );
    // The primary key: INCLUDE and WITH (which pg_get_constraintdef leaves out).
    let pk = &mut rows.constraints[2];
    pk[21] = Some(format!(
        "[{}, {}]",
        key_json("id"),
        key_entry(Some("size_bytes"), "size_bytes", false, no, 0)
    ));
    pk[24] = Some(r#"[["fillfactor", "70"]]"#.into());
    pk[12] = Some("PRIMARY KEY (id) INCLUDE (size_bytes)".into());
    // The check: NO INHERIT, NOT VALID.
    let check = &mut rows.constraints[3];
    check[17] = Some("false".into());
    check[18] = Some("true".into());
    check[12] = Some("CHECK ((size_bytes >= 0)) NO INHERIT NOT VALID".into());
    // The unique constraint: NULLS NOT DISTINCT, deferrable.
    let unique = &mut rows.constraints[4];
    unique[15] = Some("true".into());
    unique[25] = Some("true".into());
    unique[12] = Some("UNIQUE NULLS NOT DISTINCT (status, owner_id) DEFERRABLE".into());
    // An exclusion constraint with an operator of another schema.
    let mut excl = rows.constraints[4].clone();
    excl[1] = Some("files_excl".into());
    excl[2] = Some("x".into());
    excl[3] = Some(r#"["owner_id", null]"#.into());
    excl[15] = Some("false".into());
    excl[20] = Some("gist".into());
    excl[21] = Some(format!(
        "[{}, {}]",
        key_json("owner_id"),
        key_entry(None, "int8range(size_bytes, (size_bytes + 1))", true, no, 0)
    ));
    excl[22] = Some(r#"["=", "OPERATOR(ops.&&)"]"#.into());
    excl[23] = Some("(size_bytes > 0)".into());
    excl[25] = Some("false".into());
    excl[27] = Some("one each".into());
    excl[12] = Some(
        "EXCLUDE USING gist (owner_id WITH =, int8range(size_bytes, (size_bytes + 1)) WITH \
         OPERATOR(ops.&&)) WHERE ((size_bytes > 0))"
            .into(),
    );
    rows.constraints.push(excl);

    let schema = schema_from_rows(&rows).unwrap();
    let files = &schema.tables["files"];
    assert!(files.unlogged);
    assert_eq!(
        files.with.iter().collect::<Vec<_>>(),
        [
            (&"fillfactor".to_string(), &"60".to_string()),
            (&"autovacuum_enabled".to_string(), &"false".to_string())
        ]
    );
    assert_eq!(files.comment.as_deref(), Some("files, kept"));
    assert!(!schema.tables["users"].unlogged);
    let status = &files.columns["status"];
    assert_eq!(
        (
            status.collation.as_deref(),
            status.storage.as_deref(),
            status.statistics
        ),
        (Some("\"C\""), Some("main"), Some(0))
    );
    assert_eq!(files.columns["id"].statistics, None);

    let index = &files.indexes["idx_files_live"];
    assert_eq!(
        index.columns,
        [
            IndexKey::expression("lower((status)::text)").ordered(true, None),
            IndexKey {
                collation: Some("\"POSIX\"".into()),
                opclass: Some("varchar_pattern_ops".into()),
                ..IndexKey::column("status")
            }
            .ordered(false, Some(true)),
            IndexKey::expression("((size_bytes + 1))").ordered(true, Some(true)),
        ]
    );
    assert_eq!(index.include, ["owner_id"]);
    assert!(index.unique && index.nulls_not_distinct);
    assert_eq!(index.with["deduplicate_items"], "off");
    assert_eq!(index.comment.as_deref(), Some("live ones"));

    let c = &files.constraints;
    assert_eq!(
        c["files_owner_id_fkey"],
        Constraint::ForeignKey {
            columns: vec!["owner_id".into()],
            references: Reference {
                table: "users".into(),
                columns: vec!["id".into()],
            },
            on_delete: FkAction::SetNull,
            on_update: FkAction::Cascade,
            match_full: true,
            deferrable: Deferral::Deferred,
            not_valid: true,
            comment: Some("later".into()),
        }
    );
    assert_eq!(
        c["files_pkey"],
        Constraint::PrimaryKey {
            columns: vec!["id".into()],
            index: KeyIndex {
                include: vec!["size_bytes".into()],
                with: [("fillfactor".to_string(), "70".to_string())]
                    .into_iter()
                    .collect(),
            },
            deferrable: Deferral::No,
            comment: None,
        }
    );
    assert_eq!(
        c["files_size_bytes_check"],
        Constraint::Check {
            expression: "(size_bytes >= 0)".into(),
            source: None,
            no_inherit: true,
            not_valid: true,
            comment: None,
        }
    );
    assert_eq!(
        c["files_status_owner_id_key"],
        Constraint::Unique {
            columns: vec!["status".into(), "owner_id".into()],
            nulls_not_distinct: true,
            index: KeyIndex::default(),
            deferrable: Deferral::Immediate,
            comment: None,
        }
    );
    assert_eq!(
        c["files_excl"],
        Constraint::Exclude {
            method: "gist".into(),
            elements: vec![
                ExcludeElement {
                    key: IndexKey::column("owner_id"),
                    operator: "=".into(),
                },
                ExcludeElement {
                    key: IndexKey::expression("int8range(size_bytes, (size_bytes + 1))"),
                    operator: "OPERATOR(ops.&&)".into(),
                },
            ],
            index: KeyIndex::default(),
            predicate: Some("(size_bytes > 0)".into()),
            deferrable: Deferral::No,
            comment: Some("one each".into()),
        }
    );
}

#[test]
fn a_table_in_a_tablespace_is_refused_once() {
    let mut rows = files_rows();
    for r in rows
        .columns
        .iter_mut()
        .filter(|r| r[0].as_deref() == Some("files"))
    {
        r[18] = Some("fast".into());
    }
    let got = refusals(&rows);
    assert_eq!(
        got,
        ["table files: in tablespace fast (the model has no tablespaces)"],
        "{got:#?}"
    );
}

#[test]
fn objects_of_kinds_the_model_lacks_are_refused_with_their_definition() {
    let mut rows = files_rows();
    let long = format!("SELECT {}", vec!["a"; 300].join(", "));
    rows.unmodelled = vec![
        row(&[
            "view",
            "reporting.active",
            "reporting.active",
            " SELECT 1 AS one;\n",
        ]),
        row(&["view", "wide", "wide", &long]),
        row(&[
            "domain",
            "posint",
            "posint",
            "AS integer CHECK ((VALUE > 0))",
        ]),
        row(&["cast", "(pair AS text)", "\\N", "WITH INOUT"]),
        // The runners' objects are theirs.
        row(&[
            "policy",
            "schema_migrations.p",
            "schema_migrations",
            "FOR ALL",
        ]),
        row(&["view", "sqitch.changes", "sqitch.changes", "SELECT 1"]),
    ];
    let got = refusals(&rows);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[0],
        "view reporting.active: views are not modelled: SELECT 1 AS one"
    );
    assert!(got[1].starts_with("view wide: views are not modelled: SELECT a, a"));
    assert!(got[1].ends_with("a, a ..."), "{}", got[1]);
    assert_eq!(
        got[2],
        "domain posint: domains are not modelled: AS integer CHECK ((VALUE > 0))"
    );
    assert_eq!(
        got[3],
        "cast (pair AS text): casts are not modelled: WITH INOUT"
    );

    rows.unmodelled = vec![row(&["sorcery", "x", "x", "\\N"])];
    assert_eq!(
        schema_from_rows(&rows).unwrap_err().to_string(),
        "catalog unmodelled: unknown kind \"sorcery\" of x"
    );
}
