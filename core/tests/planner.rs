//! The planner on the Veza preset and on small projects built for one rule each:
//! what it refuses, and what it generates.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use origin_schema_core::align::aligned;
use origin_schema_core::model::{Action, Column, Constraint, Project, Rename, Schema, Table};
use origin_schema_core::plan::PlanError;
use origin_schema_core::{generate, presets, Error};

fn veza() -> Project {
    presets::veza()
}

fn plan_error(project: &Project) -> PlanError {
    match generate(project) {
        Err(Error::Plan(e)) => e,
        Err(e) => panic!("expected a plan error, got {e}"),
        Ok(_) => panic!("expected a plan error, got files"),
    }
}

fn sql_of(project: &Project) -> String {
    generate(project)
        .unwrap()
        .into_iter()
        .map(|f| f.sql)
        .collect()
}

#[test]
fn every_preset_loads_and_generates() {
    for (name, _) in presets::list() {
        let project = presets::get(name).unwrap();
        let files = generate(&project).unwrap();
        assert!(!files.is_empty(), "{name}");
    }
}

#[test]
fn project_round_trips_through_json() {
    let project = veza();
    let json = serde_json::to_string_pretty(&project).unwrap();
    let back: Project = serde_json::from_str(&json).unwrap();
    assert_eq!(back, project);
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), json);
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(&veza()).unwrap(), generate(&veza()).unwrap());
}

#[test]
fn veza_generates_six_transactions() {
    let files = generate(&veza()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "001_extensions_and_types.sql",
            "010_auth.sql",
            "020_profiles.sql",
            "030_files.sql",
            "040_streaming.sql",
            "900_triggers.sql"
        ]
    );
    for f in &files {
        let statements: Vec<&str> = f
            .sql
            .lines()
            .filter(|l| !l.starts_with("--") && !l.trim().is_empty())
            .collect();
        assert_eq!(statements.first(), Some(&"BEGIN;"), "{}", f.name);
        assert_eq!(statements.last(), Some(&"COMMIT;"), "{}", f.name);
        assert_eq!(f.sql.matches("\nBEGIN;\n").count(), 1, "{}", f.name);
        assert!(f.sql.contains("-- Inputs SHA-256: "), "{}", f.name);
        assert!(f.sql.contains("from veza"), "{}", f.name);
    }
}

#[test]
fn the_end_state_keeps_legacy_names_and_columns() {
    let end = aligned(&veza()).unwrap();
    let tracks = &end.tables["tracks"];
    assert!(tracks.columns.contains_key("user_id") && !tracks.columns.contains_key("creator_id"));
    assert!(tracks.columns["user_id"]
        .comment
        .as_deref()
        .unwrap()
        .starts_with("legacy: "));
    assert!(tracks.constraints.contains_key("tracks_user_id_fkey"));
    assert!(tracks.indexes.contains_key("idx_tracks_user_id"));
    assert!(tracks.indexes.contains_key("idx_tracks_status"));
    assert!(
        !tracks.columns["file_id"].not_null,
        "decision 10 relaxes file_id"
    );
    for legacy in ["file_path", "status", "artist", "file_size", "format"] {
        assert!(
            tracks.columns[legacy]
                .comment
                .as_deref()
                .unwrap()
                .starts_with("legacy: "),
            "{legacy}"
        );
    }
    assert!(end.tables["playlists"].columns.contains_key("title"));
    assert!(!end.tables["playlists"].columns.contains_key("name"));
    let sync = &end.functions["sync_user_profile_from_users"];
    assert!(sync.security_definer);
    assert_eq!(sync.config["search_path"], ["public", "pg_temp"]);
    let trigger = &end.tables["users"].triggers["sync_users_to_user_profiles"];
    assert_eq!(trigger.update_of, ["bio", "avatar"]);
}

#[test]
fn a_missing_rename_is_an_unresolved_divergence() {
    let mut project = veza();
    project.decisions.retain(|d| d.id != 6);
    match plan_error(&project) {
        PlanError::Unresolved(items) => {
            let text: Vec<String> = items.iter().map(|u| u.to_string()).collect();
            assert!(
                text.iter()
                    .any(|t| t.contains("column federated_identities.provider_id")),
                "{text:?}"
            );
        }
        e => panic!("unexpected {e}"),
    }
}

#[test]
fn a_missing_conversion_is_an_unresolved_divergence() {
    let mut project = veza();
    project.decisions.retain(|d| d.id != 1);
    let e = plan_error(&project);
    let text = e.to_string();
    assert!(text.contains("type mismatch users.role"), "{text}");
    assert!(
        text.contains("current: character varying(20); Origin: user_role"),
        "{text}"
    );
}

#[test]
fn a_missing_legacy_decision_is_an_unresolved_divergence() {
    let mut project = veza();
    project.decisions.retain(|d| d.id != 16);
    assert!(plan_error(&project).to_string().contains(
        "extra column playlists.cover_url: current: character varying(512); Origin has none"
    ));
}

#[test]
fn a_file_that_needs_a_later_file_is_refused() {
    let mut project = veza();
    // files (030) moves after streaming (040), whose tracks reference it.
    project
        .modules
        .iter_mut()
        .find(|m| m.file == "030_files.sql")
        .unwrap()
        .file = "050_files.sql".into();
    match plan_error(&project) {
        PlanError::LaterModule {
            object,
            needs,
            later,
            ..
        } => {
            assert_eq!(object, "table `tracks`");
            assert_eq!(needs, "table `files`");
            assert_eq!(later, "050_files.sql");
        }
        e => panic!("unexpected {e}"),
    }
}

#[test]
fn an_object_in_no_module_is_refused() {
    let mut project = veza();
    project
        .modules
        .iter_mut()
        .for_each(|m| m.tables.retain(|t| t != "files"));
    assert_eq!(
        plan_error(&project),
        PlanError::Unassigned {
            kind: "table",
            name: "files".into()
        }
    );
}

#[test]
fn a_decision_about_an_unknown_column_names_the_decision() {
    let mut project = veza();
    let d = project.decisions.iter_mut().find(|d| d.id == 6).unwrap();
    d.actions = vec![Action::Rename(Rename {
        table: "federated_identities".into(),
        from: "provider_uid".into(),
        to: "provider_user_id".into(),
    })];
    let text = plan_error(&project).to_string();
    assert_eq!(
        text,
        "decision 6: the current schema has no column `federated_identities.provider_uid`"
    );
}

/// A small project of its own: nothing Veza in it.
fn shop() -> Project {
    let mut origin = Schema::default();
    let mut current = Schema::default();
    let mut order = Table::default();
    let col = |t: &str, nn: bool, d: Option<&str>| Column {
        data_type: t.into(),
        not_null: nn,
        default: d.map(str::to_string),
        identity: None,
        generated: None,
        comment: None,
        ..Column::new("")
    };
    order
        .columns
        .insert("id".into(), col("integer", true, None));
    order
        .columns
        .insert("user".into(), col("text", false, None));
    order.constraints.insert(
        "Order_pkey".into(),
        Constraint::primary_key(vec!["id".into()]),
    );
    current.tables.insert("Order".into(), order.clone());
    order.columns.insert(
        "placed at".into(),
        col("timestamp with time zone", true, Some("now()")),
    );
    origin.tables.insert("Order".into(), order);
    Project {
        name: "shop".into(),
        origin,
        current,
        decisions: vec![],
        modules: serde_json::from_str(
            r#"[{"file": "010_orders.sql", "title": "Orders", "tables": ["Order"]}]"#,
        )
        .unwrap(),
        conventions: Default::default(),
    }
}

#[test]
fn another_project_generates_with_quoted_names() {
    let sql = sql_of(&shop());
    assert!(
        sql.contains(
            "CREATE TABLE IF NOT EXISTS \"Order\" (\n    id integer NOT NULL,\n    \"user\" text,"
        ),
        "{sql}"
    );
    assert!(sql.contains("ALTER TABLE \"Order\" ADD COLUMN IF NOT EXISTS \"placed at\" timestamp with time zone DEFAULT now() NOT NULL;"), "{sql}");
    assert!(
        sql.contains("CONSTRAINT \"Order_pkey\" PRIMARY KEY (id)"),
        "{sql}"
    );
    assert!(sql.contains("from shop"), "{sql}");
}

#[test]
fn a_not_null_column_without_default_on_an_existing_table_is_refused() {
    let mut project = shop();
    let c = project
        .origin
        .tables
        .get_mut("Order")
        .unwrap()
        .columns
        .get_mut("placed at")
        .unwrap();
    c.default = None;
    assert_eq!(
        plan_error(&project),
        PlanError::NotNullWithoutDefault {
            table: "Order".into(),
            column: "placed at".into()
        }
    );
}

#[test]
fn an_extra_current_index_needs_a_decision() {
    let mut project = shop();
    project
        .current
        .tables
        .get_mut("Order")
        .unwrap()
        .indexes
        .insert(
            "order_user".into(),
            origin_schema_core::model::Index::on(&["user"]),
        );
    let text = plan_error(&project).to_string();
    assert!(
        text.contains("extra index order_user: current: (\"user\"); Origin has none"),
        "{text}"
    );
}

fn schema_of(sql: &str) -> Schema {
    let file = origin_schema_core::read::sql::SqlFile {
        name: "schema.sql".into(),
        sql: sql.into(),
    };
    origin_schema_core::read::sql::read_files(&[file])
        .unwrap()
        .schema
}

fn project_of(origin: &str, current: &str) -> Project {
    let origin = schema_of(origin);
    Project {
        name: "collations".into(),
        modules: origin_schema_core::model::Module::default_layout(&origin),
        origin,
        current: schema_of(current),
        decisions: vec![],
        conventions: Default::default(),
    }
}

#[test]
fn a_collation_change_is_a_type_change_before_the_new_columns_that_read_it() {
    let project = project_of(
        "CREATE TABLE t (id int PRIMARY KEY, code text COLLATE \"C\", \
         upper_code text GENERATED ALWAYS AS (upper(code)) STORED);",
        "CREATE TABLE t (id int PRIMARY KEY, code text);",
    );
    let sql = sql_of(&project);
    let change = "ALTER TABLE t ALTER COLUMN code TYPE text COLLATE \"C\";";
    let guard = "a.attcollation <> '\"C\"'::pg_catalog.regcollation";
    let add = "ALTER TABLE t ADD COLUMN IF NOT EXISTS upper_code";
    let at = |s: &str| sql.find(s).unwrap_or_else(|| panic!("no `{s}` in\n{sql}"));
    assert!(at(guard) < at(change) && at(change) < at(add), "{sql}");
    // Back to the type's default: no COLLATE ("default" is the database's).
    let back = sql_of(&project_of(
        "CREATE TABLE t (id int PRIMARY KEY, code name);",
        "CREATE TABLE t (id int PRIMARY KEY, code name COLLATE \"POSIX\");",
    ));
    assert!(
        back.contains("ALTER TABLE t ALTER COLUMN code TYPE name;")
            && back.contains("a.attcollation <> t.typcollation"),
        "{back}"
    );
}

#[test]
fn a_collation_change_under_a_trigger_update_of_is_refused() {
    let function = "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql \
                    AS $$BEGIN RETURN NEW; END$$;\n";
    let trigger = "CREATE TRIGGER t_code BEFORE UPDATE OF code ON t \
                   FOR EACH ROW EXECUTE FUNCTION touch();";
    let project = project_of(
        &format!(
            "{function}CREATE TABLE t (id int PRIMARY KEY, code text COLLATE \"C\");\n{trigger}"
        ),
        &format!("{function}CREATE TABLE t (id int PRIMARY KEY, code text);\n{trigger}"),
    );
    assert_eq!(
        plan_error(&project),
        PlanError::CollationWithDependent {
            table: "t".into(),
            column: "code".into(),
            dependent: "trigger `t_code` (UPDATE OF)".into(),
        }
    );
}
