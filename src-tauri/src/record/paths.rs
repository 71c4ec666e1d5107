//! Where the record lives: the database and its backups in the app data directory, this
//! installation's device id in the app config directory (outside the database, so a database
//! copied or restored elsewhere never records as this installation).

use std::path::{Path, PathBuf};

use magday_core::Result;

/// The database file's name in the app data directory.
pub const DB_FILE: &str = "magday.db";
/// The device id's file in the app's config directory.
pub const DEVICE_FILE: &str = "device-id";
/// The backups' folder in the app data directory.
pub const BACKUPS_DIR: &str = "backups";
/// The file that keeps the open safety pause beside the database (see `record::pause`).
const OPEN_PAUSE_FILE: &str = "open-pause.json";

/// Where the record lives.
#[derive(Debug, Clone)]
pub struct Paths {
    pub db: PathBuf,
    pub backups: PathBuf,
    pub config: PathBuf,
}

impl Paths {
    pub fn new(data_dir: &Path, config_dir: &Path) -> Paths {
        Paths {
            db: data_dir.join(DB_FILE),
            backups: data_dir.join(BACKUPS_DIR),
            config: config_dir.to_path_buf(),
        }
    }

    /// Whether this is a first start: no record here yet and no app lock. The first screen is
    /// then the welcome, whatever else is here (a protocol, a damaged record, a sync folder or a
    /// lock all need the record's file or the lock's), so the shell opens the page that has
    /// the welcome drawn in (`crate::FIRST_START_PAGE`). A file that cannot be checked counts
    /// as there.
    pub fn first_start(&self) -> bool {
        let absent = |p: &Path| matches!(p.try_exists(), Ok(false));
        absent(&self.db) && absent(&self.config.join(crate::lock::FILE))
    }

    /// The open safety pause, kept beside the database.
    pub fn open_pause(&self) -> PathBuf {
        self.db.with_file_name(OPEN_PAUSE_FILE)
    }
}

/// This installation's device id: read from its file (kept as it is written there), or made
/// and written there. Any id of 8 hex digits or more is kept: the 16 earlier versions made, and
/// the UUIDs made now; anything else is a damaged file.
pub fn device_id(config: &Path) -> Result<String> {
    let path = config.join(DEVICE_FILE);
    if let Ok(id) = std::fs::read_to_string(&path) {
        let id = id.trim();
        if id.len() >= 8 && id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(id.to_string());
        }
    }
    new_device_id(config)
}

/// Give this installation a new device id (at first start, or after its record was replaced by
/// a backup, so the ids it writes from now on can never meet ones written before): a UUID
/// version 7, whose random part makes two installations' ids differ and whose time part orders
/// them by when they were made. It is written as 32 lower-case hex digits with no hyphens (the
/// UUID's simple form, as atuin writes its ids), so it reads as earlier ids did, wherever one
/// appears (the global ids `<device>:<seq>`, the sync folder's `magday-<device>.magday`).
pub fn new_device_id(config: &Path) -> Result<String> {
    std::fs::create_dir_all(config)?;
    let id = uuid::Uuid::now_v7().simple().to_string();
    magday_core::record::write_atomically(&config.join(DEVICE_FILE), id.as_bytes())?;
    Ok(id)
}
