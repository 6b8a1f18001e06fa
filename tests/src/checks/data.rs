//! The data rules of DECISIONS.md on a migrated `v1_data.sql`, one function per decision.

use super::compare::{assert_rows, v, Row, NULL};
use super::expected::{Expected, OLD_UPDATED_AT};
use crate::db::Db;
use crate::rows::{Projection, RowSnapshot};

/// The V1 rows as they were before the upgrade (every column but `users.role`, which decision 1
/// converts), to prove that nothing is lost.
#[derive(Debug, Clone)]
pub struct V1Baseline {
    projection: Projection,
    rows: RowSnapshot,
}

impl V1Baseline {
    /// Call on the V1 database right before the first migration file runs.
    pub fn capture(db: &Db) -> V1Baseline {
        let projection = Projection::current(db).without("users", "role");
        let rows = RowSnapshot::read_projection(db, &projection);
        V1Baseline { projection, rows }
    }

    pub fn rows(&self) -> &RowSnapshot {
        &self.rows
    }
}

/// Every data rule at once; each failure names its decision.
pub fn assert_v1_data_migrated(db: &Db, baseline: &V1Baseline, expected: &Expected) {
    assert_nothing_lost(db, baseline);
    assert_role_mapping(db, expected);
    assert_added_columns_take_defaults(db, expected);
    assert_profiles_moved(db, expected);
    assert_files_extracted(db, expected);
    assert_tracks_linked_to_files(db, expected);
    assert_visibility_derived(db, expected);
}

/// CONTRACT.md "Nothing is lost": every V1 row with every V1 value, `updated_at` included.
/// `federated_identities.provider_id` is read from its new name (decision 6).
pub fn assert_nothing_lost(db: &Db, baseline: &V1Baseline) {
    let now = baseline.projection.clone().renamed(
        "federated_identities",
        "provider_id",
        "provider_user_id",
    );
    let after = RowSnapshot::read_projection(db, &now);
    baseline.rows.assert_matches(
        &after,
        "every V1 row keeps every V1 value (CONTRACT.md Data)",
    );
}

/// Decision 1: `role = lower(btrim(role))` as `user_role`.
pub fn assert_role_mapping(db: &Db, e: &Expected) {
    assert_rows(
        db,
        "decision 1: users.role = lower(btrim(V1 role))",
        "SELECT id::text, role::text, pg_typeof(role)::text FROM users",
        e.users
            .iter()
            .map(|u| vec![v(&u.id), v(&u.role), v("user_role")])
            .collect(),
    );
}

/// Decisions 2, 5, 7, 13, 17: existing rows take the column default, NULL where there is none.
pub fn assert_added_columns_take_defaults(db: &Db, e: &Expected) {
    assert_rows(
        db,
        "decision 2: new users columns take their defaults",
        "SELECT id::text, is_banned::text, last_login_ip::text, login_count::text,
                email_verified_at::text, last_password_change_at::text FROM users",
        e.users
            .iter()
            .map(|u| vec![v(&u.id), v("false"), NULL, v("0"), NULL, NULL])
            .collect(),
    );
    assert_rows(
        db,
        "decision 5: new refresh_tokens columns take their defaults",
        "SELECT id::text, device_name, device_type, ip_address::text, user_agent,
                last_used_at::text, is_revoked::text, revoked_at::text, revoked_reason
           FROM refresh_tokens",
        e.refresh_token_ids
            .iter()
            .map(|id| vec![v(id), NULL, NULL, NULL, NULL, NULL, v("false"), NULL, NULL])
            .collect(),
    );
    assert_rows(
        db,
        "decision 7: new federated_identities columns take their defaults",
        "SELECT id::text, provider_profile_data::text, is_primary::text FROM federated_identities",
        e.federated_identity_ids
            .iter()
            .map(|id| vec![v(id), v("{}"), v("false")])
            .collect(),
    );
    assert_rows(
        db,
        "decision 13: new tracks columns are NULL",
        "SELECT id::text, description, bpm::text, musical_key, deleted_at::text FROM tracks",
        e.tracks
            .iter()
            .map(|t| vec![v(&t.id), NULL, NULL, NULL, NULL])
            .collect(),
    );
    assert_rows(
        db,
        "decision 17: new playlists columns take their defaults",
        "SELECT id::text, is_collaborative::text, deleted_at::text FROM playlists",
        e.playlists
            .iter()
            .map(|p| vec![v(&p.id), v("false"), NULL])
            .collect(),
    );
}

/// Decision 4: one profile per user (soft-deleted ones too) with `bio = users.bio`,
/// `avatar_url = users.avatar`, every other column at its default (timestamps: now, not V1's).
pub fn assert_profiles_moved(db: &Db, e: &Expected) {
    let sql = format!(
        "SELECT user_id::text, bio, avatar_url, display_name, location, website_url,
                birthdate::text, gender, theme, deleted_at::text,
                (created_at = updated_at)::text, (created_at > '{OLD_UPDATED_AT}')::text
           FROM user_profiles"
    );
    let rows: Vec<Row> = e
        .users
        .iter()
        .map(|u| {
            vec![
                v(&u.id),
                u.bio.clone(),
                u.avatar.clone(),
                NULL,
                NULL,
                NULL,
                NULL,
                NULL,
                v("system"),
                NULL,
                v("true"),
                v("true"),
            ]
        })
        .collect();
    assert_rows(
        db,
        "decision 4: one user_profiles row per user with bio/avatar, other columns default",
        &sql,
        rows,
    );
}

/// Decision 8: one `files` row per distinct `tracks.file_path`, from the oldest track (ties:
/// smallest id), timestamps at their defaults.
pub fn assert_files_extracted(db: &Db, e: &Expected) {
    let sql = format!(
        "SELECT storage_key, storage_provider, owner_id::text, original_filename,
                size_bytes::text, mime_type, storage_bucket, checksum_sha256, metadata::text,
                deleted_at::text, (created_at = updated_at)::text,
                (created_at > '{OLD_UPDATED_AT}')::text
           FROM files"
    );
    let rows: Vec<Row> = e
        .files
        .iter()
        .map(|f| {
            vec![
                v(&f.storage_key),
                v("local"),
                v(&f.owner_id),
                f.original_filename.clone(),
                v(f.size_bytes.to_string()),
                v(&f.mime_type),
                NULL,
                NULL,
                v("{}"),
                NULL,
                v("true"),
                v("true"),
            ]
        })
        .collect();
    assert_rows(
        db,
        "decision 8: files extracted from tracks.file_path",
        &sql,
        rows,
    );
}

/// Decision 10: every track's `file_id` points at the files row of its path.
pub fn assert_tracks_linked_to_files(db: &Db, e: &Expected) {
    assert_rows(
        db,
        "decision 10: tracks.file_id -> files row of tracks.file_path",
        "SELECT t.id::text, t.file_path, f.storage_provider, f.storage_key
           FROM tracks t LEFT JOIN files f ON f.id = t.file_id",
        e.tracks
            .iter()
            .map(|t| vec![v(&t.id), v(&t.file_path), v("local"), v(&t.file_path)])
            .collect(),
    );
}

/// Decisions 11 and 15: visibility derived from `status` / `is_public`.
pub fn assert_visibility_derived(db: &Db, e: &Expected) {
    assert_rows(
        db,
        "decision 11: tracks.visibility from lower(btrim(status))",
        "SELECT id::text, status, visibility::text FROM tracks",
        e.tracks
            .iter()
            .map(|t| vec![v(&t.id), v(&t.status), v(&t.visibility)])
            .collect(),
    );
    assert_rows(
        db,
        "decision 15: playlists.visibility from is_public",
        "SELECT id::text, is_public::text, visibility::text FROM playlists",
        e.playlists
            .iter()
            .map(|p| {
                vec![
                    v(&p.id),
                    p.is_public.map(|b| b.to_string()),
                    v(&p.visibility),
                ]
            })
            .collect(),
    );
}
