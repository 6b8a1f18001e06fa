//! What a migrated `fixtures/v1_data.sql` must hold, written out by hand from DECISIONS.md.
//! Keep in step with the fixture files.

/// The `updated_at` of every fixture row.
pub const OLD_UPDATED_AT: &str = "2020-01-02 03:04:05+00";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedUser {
    pub id: String,
    /// Decision 1: `lower(btrim(role))`.
    pub role: String,
    /// Decision 4: copied into `user_profiles.bio` / `avatar_url`.
    pub bio: Option<String>,
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFile {
    pub storage_key: String,
    pub owner_id: String,
    pub original_filename: Option<String>,
    pub size_bytes: i64,
    pub mime_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedTrack {
    pub id: String,
    pub file_path: String,
    pub status: String,
    /// Decision 11.
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedPlaylist {
    pub id: String,
    pub is_public: Option<bool>,
    /// Decision 15.
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub users: Vec<ExpectedUser>,
    pub refresh_token_ids: Vec<String>,
    pub federated_identity_ids: Vec<String>,
    /// Decision 8: one per distinct `tracks.file_path`.
    pub files: Vec<ExpectedFile>,
    pub tracks: Vec<ExpectedTrack>,
    pub playlists: Vec<ExpectedPlaylist>,
}

pub fn user_id(n: u8) -> String {
    format!("a0000000-0000-4000-8000-0000000000{n:02x}")
}

pub fn track_id(n: u8) -> String {
    format!("d0000000-0000-4000-8000-0000000000{n:02x}")
}

fn id(prefix: char, n: u8) -> String {
    format!("{prefix}0000000-0000-4000-8000-0000000000{n:02x}")
}

fn user(n: u8, role: &str, bio: Option<&str>, avatar: Option<&str>) -> ExpectedUser {
    ExpectedUser {
        id: user_id(n),
        role: role.to_owned(),
        bio: bio.map(str::to_owned),
        avatar: avatar.map(str::to_owned),
    }
}

fn file(key: &str, owner: u8, name: Option<&str>, size: i64, mime: &str) -> ExpectedFile {
    ExpectedFile {
        storage_key: key.to_owned(),
        owner_id: user_id(owner),
        original_filename: name.map(str::to_owned),
        size_bytes: size,
        mime_type: mime.to_owned(),
    }
}

fn track(n: u8, path: &str, status: &str, visibility: &str) -> ExpectedTrack {
    ExpectedTrack {
        id: track_id(n),
        file_path: path.to_owned(),
        status: status.to_owned(),
        visibility: visibility.to_owned(),
    }
}

/// The path of the track whose file name is over 255 characters (250 two-byte `ñ` first, so
/// that a cut by bytes instead of characters shows).
pub fn long_path() -> String {
    format!("/long/{}abcdefghij.flac", "ñ".repeat(250))
}

impl Expected {
    /// `fixtures/v1_data.sql` after the upgrade.
    pub fn v1_data() -> Expected {
        let long_name = format!("{}abcde", "ñ".repeat(250));
        let quote_path = "/music/o'brien/it's \"live\".mp3";
        let backslash_path = r"C:\Users\x\song.wav";
        Expected {
            users: vec![
                user(
                    1,
                    "admin",
                    Some("Admin of “Veza” — ünïcödé ✓ 🎵"),
                    Some("https://cdn.example.com/avatars/admin.png"),
                ),
                user(
                    2,
                    "artist",
                    Some("It's a \"quoted\" bio\twith tab, back\\slash and\nnewline"),
                    None,
                ),
                user(3, "moderator", None, Some("/avatars/mod.jpg")),
                // Soft-deleted: still gets its profile.
                user(4, "user", Some("I left."), Some("/avatars/gone.png")),
                user(5, "super_admin", None, None),
                // An empty bio stays '' (not NULL).
                user(6, "user", Some(""), Some("https://example.com/a?x=1&y='2'")),
            ],
            refresh_token_ids: (1..=3).map(|n| id('b', n)).collect(),
            federated_identity_ids: (1..=3).map(|n| id('c', n)).collect(),
            files: vec![
                // d..02 is older than d..01: its owner, size and format decide.
                file(
                    "/music/shared/song.mp3",
                    1,
                    Some("song.mp3"),
                    2000,
                    "audio/flac",
                ),
                // Same created_at: the smaller id (d..04) decides.
                file("tie/pair.wav", 3, Some("pair.wav"), 300, "audio/wav"),
                file(
                    "/music/nulls/unknown",
                    2,
                    Some("unknown"),
                    0,
                    "application/octet-stream",
                ),
                file("negative.ogg", 2, Some("negative.ogg"), 0, "audio/ogg"),
                file("/a/b/c.aac", 1, Some("c.aac"), 10, "audio/aac"),
                file(
                    "/música/canción ☃.m4a",
                    6,
                    Some("canción ☃.m4a"),
                    123_456_789_012,
                    "audio/mp4",
                ),
                file("/music/dir/", 2, None, 7, "application/octet-stream"),
                file(&long_path(), 5, Some(&long_name), 1, "audio/mpeg"),
                file(quote_path, 4, Some("it's \"live\".mp3"), 55, "audio/mpeg"),
                file(backslash_path, 1, Some(backslash_path), 9, "audio/wav"),
            ],
            tracks: vec![
                track(1, "/music/shared/song.mp3", "public", "public"),
                track(2, "/music/shared/song.mp3", " Unlisted", "unlisted"),
                track(3, "/music/nulls/unknown", "unknown", "private"),
                track(4, "tie/pair.wav", "draft", "private"),
                track(5, "tie/pair.wav", "PRIVATE", "private"),
                track(6, "negative.ogg", "public", "public"),
                track(7, "/a/b/c.aac", "public", "public"),
                track(8, "/música/canción ☃.m4a", "public", "public"),
                track(9, "/music/dir/", "public", "public"),
                track(10, &long_path(), "public", "public"),
                track(11, quote_path, "PRIVATE", "private"),
                track(12, backslash_path, "Public ", "public"),
            ],
            playlists: vec![
                ExpectedPlaylist {
                    id: id('e', 1),
                    is_public: Some(true),
                    visibility: "public".into(),
                },
                ExpectedPlaylist {
                    id: id('e', 2),
                    is_public: Some(false),
                    visibility: "private".into(),
                },
                ExpectedPlaylist {
                    id: id('e', 3),
                    is_public: None,
                    visibility: "private".into(),
                },
            ],
        }
    }

    /// `v1_data.sql` + `v1_bad_role.sql` after both bad roles were set to `'user'` and the set ran.
    pub fn v1_data_with_fixed_bad_roles() -> Expected {
        let mut e = Expected::v1_data();
        e.users.push(user(7, "user", Some("root?"), None));
        e.users
            .push(user(8, "user", None, Some("/avatars/guest.png")));
        e
    }
}

/// Ids of the users in `v1_bad_role.sql` and their raw roles.
pub fn bad_role_users() -> Vec<(String, &'static str)> {
    vec![(user_id(7), "superuser"), (user_id(8), " Guest ")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_are_consistent() {
        let e = Expected::v1_data();
        // Every track's path has exactly one expected file.
        for t in &e.tracks {
            assert_eq!(
                e.files
                    .iter()
                    .filter(|f| f.storage_key == t.file_path)
                    .count(),
                1,
                "{}",
                t.file_path
            );
        }
        assert_eq!(e.files.len(), 10);
        let long = e
            .files
            .iter()
            .find(|f| f.storage_key == long_path())
            .unwrap();
        assert_eq!(
            long.original_filename.as_ref().unwrap().chars().count(),
            255
        );
        assert_eq!(track_id(10), "d0000000-0000-4000-8000-00000000000a");
    }
}
