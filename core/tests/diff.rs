//! The diff engine: every divergence the seed names is found for Veza and resolved by
//! the right decision; nothing is unresolved; a schema does not differ from itself; a
//! missing decision leaves its divergence unresolved.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use origin_schema_core::align::aligned;
use origin_schema_core::diff::{diff, schemas, Divergence, Kind, Resolution};
use origin_schema_core::model::ActionKind;
use origin_schema_core::presets;

fn find<'a>(all: &'a [Divergence], kind: Kind, object: &str) -> &'a Divergence {
    all.iter()
        .find(|d| d.kind() == kind && d.subject.to_string() == object)
        .unwrap_or_else(|| panic!("no {kind:?} {object} in:\n{}", listing(all)))
}

fn listing(all: &[Divergence]) -> String {
    all.iter()
        .map(|d| format!("  {d} [{}]", d.resolution_text()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn by(id: u32) -> impl Fn(&Resolution) -> bool {
    move |r| matches!(r, Resolution::Decision { id: i, .. } if *i == id)
}

#[test]
fn veza_has_every_seed_divergence_resolved_by_its_decision() {
    let all = diff(&presets::veza()).unwrap();
    // (kind, object, decision id or 0 for the implicit add)
    let expected: &[(Kind, &str, u32)] = &[
        (Kind::TypeMismatch, "users.role", 1),
        (Kind::DefaultMismatch, "users.role", 1),
        (Kind::MissingColumn, "users.is_banned", 2),
        (Kind::MissingColumn, "users.login_count", 2),
        (Kind::MissingColumn, "users.last_login_ip", 2),
        (Kind::MissingColumn, "users.email_verified_at", 2),
        (Kind::MissingColumn, "users.last_password_change_at", 2),
        (Kind::ExtraColumn, "users.avatar", 3),
        (Kind::ExtraColumn, "users.bio", 3),
        (Kind::MissingTable, "user_profiles", 4),
        (Kind::MissingColumn, "refresh_tokens.device_name", 5),
        (Kind::MissingColumn, "refresh_tokens.is_revoked", 5),
        (Kind::MissingColumn, "refresh_tokens.revoked_reason", 5),
        (
            Kind::NamingMismatch,
            "federated_identities.provider_user_id",
            6,
        ),
        (
            Kind::NamingMismatch,
            "federated_identities_provider_provider_user_id_key",
            6,
        ),
        (
            Kind::MissingColumn,
            "federated_identities.provider_profile_data",
            7,
        ),
        (Kind::MissingColumn, "federated_identities.is_primary", 7),
        (Kind::MissingTable, "files", 8),
        (Kind::NamingMismatch, "tracks.creator_id", 9),
        (Kind::MissingColumn, "tracks.file_id", 10),
        (Kind::ExtraColumn, "tracks.file_path", 10),
        (Kind::MissingColumn, "tracks.visibility", 11),
        (Kind::ExtraColumn, "tracks.status", 11),
        (Kind::ExtraColumn, "tracks.artist", 12),
        (Kind::ExtraColumn, "tracks.file_size", 12),
        (Kind::ExtraColumn, "tracks.format", 12),
        (Kind::MissingColumn, "tracks.bpm", 13),
        (Kind::MissingSoftDelete, "tracks.deleted_at", 13),
        (Kind::NamingMismatch, "playlists.name", 14),
        (Kind::ExtraColumn, "playlists.is_public", 15),
        (Kind::MissingColumn, "playlists.visibility", 15),
        (Kind::ExtraColumn, "playlists.cover_url", 16),
        (Kind::MissingColumn, "playlists.is_collaborative", 17),
        (Kind::MissingSoftDelete, "playlists.deleted_at", 17),
        (Kind::IndexNaming, "idx_users_role", 18),
        (Kind::IndexNaming, "idx_refresh_tokens_expires_at", 18),
        (Kind::IndexNaming, "idx_tracks_status", 18),
        (Kind::MissingUpdatedAtTrigger, "update_files_updated_at", 19),
        (
            Kind::MissingUpdatedAtTrigger,
            "update_user_profiles_updated_at",
            19,
        ),
        (Kind::MissingTrigger, "sync_tracks_visibility", 11),
        (Kind::MissingTrigger, "sync_users_to_user_profiles", 4),
        (Kind::MissingType, "message_type", 0),
        (Kind::MissingConstraint, "tracks_file_id_fkey", 0),
        (Kind::MissingIndex, "idx_tracks_visibility", 0),
    ];
    for (kind, object, id) in expected {
        let d = find(&all, *kind, object);
        if *id == 0 {
            assert_eq!(d.resolution, Resolution::Add, "{d}");
        } else {
            assert!(
                by(*id)(&d.resolution),
                "{d}: resolved by {}, expected decision {id}",
                d.resolution_text()
            );
        }
    }
    let unresolved: Vec<&Divergence> = all.iter().filter(|d| d.is_unresolved()).collect();
    assert!(unresolved.is_empty(), "unresolved:\n{}", listing(&all));
}

#[test]
fn a_schema_does_not_differ_from_itself() {
    let veza = presets::veza();
    for (name, schema) in [
        ("origin", veza.origin.clone()),
        ("current", veza.current.clone()),
        ("aligned", aligned(&veza).unwrap()),
    ] {
        let d = schemas(&schema, &schema).unwrap();
        assert!(d.is_empty(), "{name}:\n{}", listing(&d));
    }
}

#[test]
fn no_fixture_schema_differs_from_itself() {
    // Every expected model of the SQL reader's fixtures: many shapes the model can hold.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sql");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let expected = entry.unwrap().path().join("expected.json");
        let Ok(text) = std::fs::read_to_string(&expected) else {
            continue;
        };
        let schema = origin_schema_core::read::json::schema("expected.json", &text).unwrap();
        let d = schemas(&schema, &schema).unwrap();
        assert!(d.is_empty(), "{}:\n{}", expected.display(), listing(&d));
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixture schemas");
}

#[test]
fn without_decisions_everything_but_additions_is_unresolved() {
    let veza = presets::veza();
    let all = schemas(&veza.origin, &veza.current).unwrap();
    assert!(all.iter().all(|d| d.resolution
        != Resolution::Decision {
            id: 1,
            kind: ActionKind::ConvertType
        }));
    let role = find(&all, Kind::TypeMismatch, "users.role");
    assert!(role.is_unresolved());
    let bio = find(&all, Kind::ExtraColumn, "users.bio");
    assert!(bio.is_unresolved());
    let missing = find(&all, Kind::MissingColumn, "users.is_banned");
    assert_eq!(missing.resolution, Resolution::Add);
}

#[test]
fn removing_a_decision_leaves_its_divergence_unresolved() {
    // Decisions whose divergences are not additions: without them, something is unresolved.
    for id in [1, 3, 6, 9, 10, 11, 12, 14, 15, 16, 18] {
        let mut project = presets::veza();
        project.decisions.retain(|d| d.id != id);
        match diff(&project) {
            // Another decision relied on it (decision 4 moves the columns 3 keeps).
            // Another decision or the end state relied on it (decision 4 moves the
            // columns 3 keeps; decision 18 keeps an index on the column 11 keeps).
            Err(e) => {
                let text = e.to_string();
                assert!(
                    text.contains("decision ") || text.contains("end state"),
                    "{text}"
                );
            }
            Ok(all) => assert!(
                all.iter().any(|d| d.is_unresolved()),
                "without decision {id} nothing is unresolved:\n{}",
                listing(&all)
            ),
        }
    }
}

#[test]
fn divergences_serialize_for_tools() {
    let all = diff(&presets::veza()).unwrap();
    let json = serde_json::to_value(&all).unwrap();
    let first = &json[0];
    assert!(
        first["kind"].is_string()
            && first["subject"]["kind"].is_string()
            && first["resolution"]["by"].is_string()
    );
    // Typed: the subject names the object, the detail carries the values.
    let role = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "type_mismatch")
        .unwrap();
    assert_eq!(role["subject"]["kind"], "column");
    assert_eq!(role["subject"]["table"]["name"], "users");
    assert_eq!(role["subject"]["column"], "role");
    assert_eq!(role["origin"], "user_role");
    assert_eq!(role["current"], "character varying(20)");
    assert_eq!(role["resolution"]["kind"], "convert_type");
}
