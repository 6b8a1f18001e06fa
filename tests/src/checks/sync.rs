//! After the upgrade the Go backend keeps working: its writes to legacy columns reach the Origin
//! columns through the sync triggers, and `updated_at` stays current on every table. The checks
//! write their own rows (ids `f?000000-...`), so they work on an empty and on a V1 database.

use super::compare::{assert_rows, v, NULL};
use super::expected::OLD_UPDATED_AT;
use crate::db::Db;

const USER: &str = "f0000000-0000-4000-8000-000000000001";
const TOKEN: &str = "f1000000-0000-4000-8000-000000000001";
const IDENTITY: &str = "f2000000-0000-4000-8000-000000000001";
const FILE: &str = "f3000000-0000-4000-8000-000000000001";
const TRACK_DRAFT: &str = "f4000000-0000-4000-8000-000000000001";
const TRACK_DEFAULT: &str = "f4000000-0000-4000-8000-000000000002";
const TRACK_UNLISTED: &str = "f4000000-0000-4000-8000-000000000003";
const PLAYLIST_FALSE: &str = "f5000000-0000-4000-8000-000000000001";
const PLAYLIST_NULL: &str = "f5000000-0000-4000-8000-000000000002";
const PLAYLIST_DEFAULT: &str = "f5000000-0000-4000-8000-000000000003";
/// Path that the Go-style tracks use and that has no files row yet.
const NEW_PATH: &str = "/sync/new.mp3";
/// Path of a files row written directly, then used by a Go-style track.
const MANUAL_PATH: &str = "/sync/manual.flac";

/// A Go-style write that must succeed; a failure names the rule it exercises.
fn write(db: &Db, what: &str, sql: &str) {
    if let Err(e) = db.run_sql(sql) {
        panic!("{what}: the write failed: {e}\n--- SQL ---\n{sql}\n");
    }
}

/// Runs `sql` (an `UPDATE ... RETURNING`) and asserts the returned row.
fn assert_returning(db: &Db, what: &str, sql: &str, expected: Vec<Option<String>>) {
    assert_rows(db, what, sql, vec![expected]);
}

/// `UPDATE ... RETURNING (updated_at = now())`: the BEFORE UPDATE trigger set it to this
/// transaction's time (the row was written earlier, with an old or earlier value).
fn assert_bumps_updated_at(db: &Db, table: &str, set: &str, key: &str, id: &str) {
    assert_returning(
        db,
        &format!("updated_at trigger on {table} (decision 19)"),
        &format!(
            "UPDATE {table} SET {set} WHERE {key} = '{id}' \
             RETURNING (updated_at = now())::text, (updated_at > '{OLD_UPDATED_AT}')::text"
        ),
        vec![v("true"), v("true")],
    );
}

fn profile(db: &Db, what: &str, bio: Option<&str>, avatar: Option<&str>) {
    assert_rows(
        db,
        what,
        &format!("SELECT bio, avatar_url FROM user_profiles WHERE user_id = '{USER}'"),
        vec![vec![bio.map(str::to_owned), avatar.map(str::to_owned)]],
    );
}

/// Go-style writes (legacy columns only) after the upgrade.
pub fn assert_sync_triggers(db: &Db) {
    // Decision 4: INSERT of a user with a bio creates its profile.
    write(
        db,
        "decision 4: INSERT INTO users (Go-style, legacy columns only)",
        &format!(
            "INSERT INTO users (id, email, username, password_hash, bio, created_at, updated_at)
         VALUES ('{USER}', 'sync@example.com', 'sync_user', 'x', 'hello ''sync''',
                 '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}')"
        ),
    );
    assert_rows(
        db,
        "decision 1: a user inserted without role gets 'user'",
        &format!("SELECT role::text FROM users WHERE id = '{USER}'"),
        vec![vec![v("user")]],
    );
    profile(
        db,
        "decision 4: INSERT INTO users creates the profile",
        Some("hello 'sync'"),
        None,
    );

    // Decision 4: UPDATE of bio / avatar reaches the profile; the users row gets a new updated_at.
    assert_returning(
        db,
        "decision 4/19: UPDATE users SET bio, avatar bumps users.updated_at",
        &format!(
            "UPDATE users SET bio = 'changed', avatar = 'https://x.example/a.png'
              WHERE id = '{USER}' RETURNING (updated_at = now())::text"
        ),
        vec![v("true")],
    );
    profile(
        db,
        "decision 4: UPDATE users SET bio, avatar reaches the profile",
        Some("changed"),
        Some("https://x.example/a.png"),
    );
    write(
        db,
        "decision 4: UPDATE users SET avatar = NULL",
        &format!("UPDATE users SET avatar = NULL WHERE id = '{USER}'"),
    );
    profile(
        db,
        "decision 4: clearing users.avatar clears avatar_url",
        Some("changed"),
        None,
    );
    assert_bumps_updated_at(db, "user_profiles", "theme = 'dark'", "user_id", USER);

    // updated_at on the other tables, from rows written with an old updated_at.
    write(
        db,
        "decision 19: INSERT INTO refresh_tokens, federated_identities, files",
        &format!(
        "INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
         VALUES ('{TOKEN}', '{USER}', 'sync-hash', '2031-01-01 00:00:00+00',
                 '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}');
         INSERT INTO federated_identities (id, user_id, provider, provider_user_id, created_at, updated_at)
         VALUES ('{IDENTITY}', '{USER}', 'gitlab', 'sync-1', '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}');
         INSERT INTO files (id, owner_id, storage_key, created_at, updated_at)
         VALUES ('{FILE}', '{USER}', '{MANUAL_PATH}', '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}');"
        ),
    );
    assert_bumps_updated_at(db, "users", "token_version = token_version + 1", "id", USER);
    assert_bumps_updated_at(
        db,
        "refresh_tokens",
        "token_hash = 'sync-hash-2'",
        "id",
        TOKEN,
    );
    assert_bumps_updated_at(
        db,
        "federated_identities",
        "provider_email = 'sync@example.com'",
        "id",
        IDENTITY,
    );
    assert_bumps_updated_at(db, "files", "metadata = '{\"k\": 1}'", "id", FILE);

    // Decision 11: tracks.visibility follows status on INSERT and UPDATE.
    write(
        db,
        "decision 11: INSERT INTO tracks (Go-style, no visibility, no file_id)",
        &format!(
        "INSERT INTO tracks (id, user_id, title, file_path, file_size, format, status, created_at, updated_at)
         VALUES ('{TRACK_DRAFT}', '{USER}', 'Sync draft', '{NEW_PATH}', 100, 'mp3', 'draft',
                 '2019-09-02 00:00:00+00', '{OLD_UPDATED_AT}');
         INSERT INTO tracks (id, user_id, title, file_path, created_at, updated_at)
         VALUES ('{TRACK_DEFAULT}', '{USER}', 'Sync default', '{MANUAL_PATH}',
                 '2019-09-01 00:00:00+00', '{OLD_UPDATED_AT}');
         INSERT INTO tracks (id, user_id, title, file_path, file_size, format, status, created_at, updated_at)
         VALUES ('{TRACK_UNLISTED}', '{USER}', 'Sync unlisted', '{NEW_PATH}', 300, ' OGG', 'Unlisted ',
                 '2019-09-01 00:00:00+00', '{OLD_UPDATED_AT}');"
        ),
    );
    assert_rows(
        db,
        "decision 11: INSERT INTO tracks derives visibility from status",
        "SELECT id::text, status, visibility::text FROM tracks WHERE id::text LIKE 'f4%'",
        vec![
            vec![v(TRACK_DRAFT), v("draft"), v("private")],
            vec![v(TRACK_DEFAULT), v("public"), v("public")],
            vec![v(TRACK_UNLISTED), v("Unlisted "), v("unlisted")],
        ],
    );
    for (status, visibility) in [
        (" Unlisted", "unlisted"),
        ("PUBLIC", "public"),
        ("archived", "private"),
    ] {
        assert_returning(
            db,
            &format!("decision 11/19: UPDATE tracks SET status = {status:?}"),
            &format!(
                "UPDATE tracks SET status = '{status}' WHERE id = '{TRACK_DRAFT}'
                 RETURNING visibility::text, (updated_at = now())::text"
            ),
            vec![v(visibility), v("true")],
        );
    }

    // Decision 15: playlists.visibility follows is_public on INSERT and UPDATE.
    write(
        db,
        "decision 15: INSERT INTO playlists (Go-style, no visibility)",
        &format!(
        "INSERT INTO playlists (id, user_id, title, is_public, created_at, updated_at)
         VALUES ('{PLAYLIST_FALSE}', '{USER}', 'Sync false', FALSE, '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}'),
                ('{PLAYLIST_NULL}', '{USER}', 'Sync null', NULL, '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}');
         INSERT INTO playlists (id, user_id, title, created_at, updated_at)
         VALUES ('{PLAYLIST_DEFAULT}', '{USER}', 'Sync default', '{OLD_UPDATED_AT}', '{OLD_UPDATED_AT}');"
        ),
    );
    assert_rows(
        db,
        "decision 15: INSERT INTO playlists derives visibility from is_public",
        "SELECT id::text, is_public::text, visibility::text FROM playlists WHERE id::text LIKE 'f5%'",
        vec![
            vec![v(PLAYLIST_FALSE), v("false"), v("private")],
            vec![v(PLAYLIST_NULL), NULL, v("private")],
            vec![v(PLAYLIST_DEFAULT), v("true"), v("public")],
        ],
    );
    for (id, is_public, visibility) in [
        (PLAYLIST_FALSE, "TRUE", "public"),
        (PLAYLIST_DEFAULT, "NULL", "private"),
        (PLAYLIST_FALSE, "FALSE", "private"),
    ] {
        assert_returning(
            db,
            &format!("decision 15/19: UPDATE playlists SET is_public = {is_public}"),
            &format!(
                "UPDATE playlists SET is_public = {is_public} WHERE id = '{id}'
                 RETURNING visibility::text, (updated_at = now())::text"
            ),
            vec![v(visibility), v("true")],
        );
    }
}

/// Decision 10: tracks Go wrote after the upgrade (file_id NULL) are linked by the next run of
/// the set, to a new files row per new path (decision 8 rules) or to the existing one.
/// Call after [`assert_sync_triggers`] and a second run of the whole set.
pub fn assert_rerun_links_new_tracks(db: &Db) {
    assert_rows(
        db,
        "decision 10: no track left without file_id after a later run",
        "SELECT count(*)::text FROM tracks WHERE file_id IS NULL",
        vec![vec![v("0")]],
    );
    assert_rows(
        db,
        "decision 10: Go-written tracks linked by a later run",
        &format!(
            "SELECT t.id::text, f.storage_key, (f.id = '{FILE}')::text
               FROM tracks t LEFT JOIN files f ON f.id = t.file_id WHERE t.id::text LIKE 'f4%'"
        ),
        vec![
            vec![v(TRACK_DRAFT), v(NEW_PATH), v("false")],
            vec![v(TRACK_DEFAULT), v(MANUAL_PATH), v("true")],
            vec![v(TRACK_UNLISTED), v(NEW_PATH), v("false")],
        ],
    );
    // The oldest track of NEW_PATH is TRACK_UNLISTED (size 300, format ' OGG').
    assert_rows(
        db,
        "decision 8: files rows of paths Go wrote after the upgrade",
        "SELECT storage_provider, storage_key, owner_id::text, original_filename,
                size_bytes::text, mime_type
           FROM files WHERE storage_key LIKE '/sync/%'",
        vec![
            vec![
                v("local"),
                v(NEW_PATH),
                v(USER),
                v("new.mp3"),
                v("300"),
                v("audio/ogg"),
            ],
            vec![
                v("local"),
                v(MANUAL_PATH),
                v(USER),
                NULL,
                v("0"),
                v("application/octet-stream"),
            ],
        ],
    );
}
