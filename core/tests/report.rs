//! The divergence report of the Veza preset: the seed's shape, and every divergence the
//! seed names.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use origin_schema_core::presets;
use origin_schema_core::report::{report, to_markdown, PlanSection};

fn markdown() -> String {
    to_markdown(&report(&presets::veza()).unwrap())
}

#[test]
fn has_the_seed_sections_in_order() {
    let md = markdown();
    if let Ok(path) = std::env::var("REPORT_OUT") {
        std::fs::write(path, &md).unwrap();
    }
    let sections = [
        "## 1. Global divergences",
        "## 2. Table-by-table diff",
        "## 3. Plan of action",
    ];
    let positions: Vec<usize> = sections
        .iter()
        .map(|s| md.find(s).unwrap_or_else(|| panic!("no {s}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    for feature in [
        "**Primary keys**",
        "**Timestamps**",
        "**Updated trigger**",
        "**Indexes**",
        "**Soft deletes**",
    ] {
        assert!(md.contains(feature), "no {feature}");
    }
    for table in [
        "users",
        "refresh_tokens",
        "federated_identities",
        "user_profiles",
        "files",
        "tracks",
        "playlists",
        "playlist_tracks",
    ] {
        assert!(
            md.contains(&format!("### `{table}`")),
            "no section for {table}"
        );
    }
}

#[test]
fn names_every_divergence_of_the_seed() {
    let md = markdown();
    // The seed's divergences, each with the decision that resolves it.
    for (needle, decision) in [
        ("`users.role` — type mismatch", "decision 1 (convert type)"),
        ("`users.is_banned` — missing column", "decision 2 (add)"),
        ("`users.login_count` — missing column", "decision 2 (add)"),
        ("`users.last_login_ip` — missing column", "decision 2 (add)"),
        (
            "`users.email_verified_at` — missing column",
            "decision 2 (add)",
        ),
        (
            "`users.last_password_change_at` — missing column",
            "decision 2 (add)",
        ),
        (
            "`users.avatar` — extra column",
            "decision 3 (keep legacy column)",
        ),
        (
            "`users.bio` — extra column",
            "decision 3 (keep legacy column)",
        ),
        ("`user_profiles` — missing table", "decision 4 (move)"),
        (
            "`refresh_tokens.device_name` — missing column",
            "decision 5 (add)",
        ),
        (
            "`refresh_tokens.is_revoked` — missing column",
            "decision 5 (add)",
        ),
        (
            "`federated_identities.provider_user_id` — naming mismatch",
            "decision 6 (rename)",
        ),
        (
            "`federated_identities.provider_profile_data` — missing column",
            "decision 7 (add)",
        ),
        (
            "`federated_identities.is_primary` — missing column",
            "decision 7 (add)",
        ),
        ("`files` — missing table", "decision 8 (add)"),
        (
            "`tracks.creator_id` — naming mismatch",
            "decision 9 (keep legacy name)",
        ),
        ("`tracks.file_id` — missing column", "decision 10 (relax)"),
        (
            "`tracks.file_path` — extra column",
            "decision 10 (keep legacy column)",
        ),
        (
            "`tracks.visibility` — missing column",
            "decision 11 (derive)",
        ),
        (
            "`tracks.status` — extra column",
            "decision 11 (keep legacy column)",
        ),
        ("`tracks.bpm` — missing column", "decision 13 (add)"),
        ("`tracks.musical_key` — missing column", "decision 13 (add)"),
        (
            "`playlists.name` — naming mismatch",
            "decision 14 (keep legacy name)",
        ),
        (
            "`playlists.is_public` — extra column",
            "decision 15 (keep legacy column)",
        ),
        (
            "`playlists.visibility` — missing column",
            "decision 15 (derive)",
        ),
        (
            "`playlists.is_collaborative` — missing column",
            "decision 17 (add)",
        ),
        (
            "`idx_users_role` — index naming",
            "decision 18 (rename index)",
        ),
    ] {
        let line = md
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("the report does not name {needle}"));
        assert!(line.contains(decision), "{needle}: {line}");
    }
    assert!(md.contains("0 unresolved"));
}

#[test]
fn plan_lists_the_six_files_with_their_decisions() {
    let r = report(&presets::veza()).unwrap();
    let PlanSection::Files { files } = &r.plan else {
        panic!("the plan is refused: {:?}", r.plan)
    };
    let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
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
    assert_eq!(files[1].decisions, [1, 2, 3, 5, 6, 7, 18]);
    assert_eq!(files[5].decisions, [19]);
}

#[test]
fn json_twin_carries_the_same_content() {
    let r = report(&presets::veza()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["summary"]["unresolved"], 0);
    assert_eq!(json["tables"].as_array().unwrap().len(), 8);
    assert_eq!(json["global"].as_array().unwrap().len(), 5);
    assert_eq!(json["plan"]["status"], "files");
}

#[test]
fn an_unresolved_divergence_is_reported_and_refuses_the_plan() {
    let mut project = presets::veza();
    project.decisions.retain(|d| d.id != 16);
    let md = to_markdown(&report(&project).unwrap());
    assert!(md.contains("1 unresolved"), "{md}");
    assert!(md.contains("`playlists.cover_url` — extra column"));
    assert!(md.contains("`gen-sql` refuses to generate"));
}
