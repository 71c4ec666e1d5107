//! The record passphrase on this device (issue 25): kept in a file of its own in the config
//! folder, never in the database and never in the sync folder, and handed to the core at start
//! and whenever the user changes it. While it is set, exports and this device's file in the
//! sync folder are sealed with it (the core's `record::seal`); every device of the record needs
//! the same one once.
//!
//! The file holds the passphrase itself: the core needs it to derive each file's key from that
//! file's own salt. It is readable by its owner only where the system has such permissions;
//! like the database beside it, it is protected from someone who can read your files only by
//! the disk's encryption (README, "The app lock and private reminder text").

use magday_core::api::Core;
use magday_core::Result;

use super::paths::Paths;

/// The file, in the config folder.
pub const FILE: &str = "record-passphrase";

/// Hand the saved passphrase, if any, to the core (at start). A file the core refuses (too
/// short: edited by hand) is logged and left alone: sealed files then wait for a new one.
pub fn load(paths: &Paths, core: &Core) {
    let path = paths.config.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            if let Err(e) = core.set_record_passphrase(Some(text)) {
                log::warn!(
                    "the record passphrase in {} was not used: {e}",
                    path.display()
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => log::warn!("the record passphrase could not be read: {e}"),
    }
}

/// Set the passphrase (or none): the core first (it refuses a short one, changing nothing),
/// then the file; should the file fail, the core goes back to the saved one.
pub fn save(paths: &Paths, core: &Core, passphrase: Option<&str>) -> Result<()> {
    core.set_record_passphrase(passphrase.map(str::to_string))?;
    let path = paths.config.join(FILE);
    let written = match passphrase {
        Some(p) => std::fs::create_dir_all(&paths.config)
            .map_err(Into::into)
            .and_then(|()| magday_core::record::write_atomically(&path, p.as_bytes()))
            .and_then(|()| owner_only(&path)),
        None => match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        },
    };
    if written.is_err() {
        let _ = core.set_record_passphrase(None);
        load(paths, core);
    }
    written
}

/// Readable and writable by the owner alone, where the system has such permissions.
fn owner_only(path: &std::path::Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &tempfile::TempDir) -> Paths {
        Paths::new(dir.path(), &dir.path().join("config"))
    }

    #[test]
    fn kept_beside_the_config_handed_over_at_start_and_removed_when_off() {
        tauri::async_runtime::block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let p = paths(&dir);
            let core = Core::open_in_memory().await.unwrap();
            save(&p, &core, Some("river stones 42")).unwrap();
            let file = p.config.join(FILE);
            assert_eq!(std::fs::read_to_string(&file).unwrap(), "river stones 42");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&file).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            assert!(core.record_passphrase_set());
            // A restart: a new core is handed the saved one.
            let again = Core::open_in_memory().await.unwrap();
            load(&p, &again);
            assert!(again.record_passphrase_set());
            // Too short: refused, and the saved one stays.
            let e = save(&p, &core, Some("short")).unwrap_err();
            assert_eq!(e.code(), "record_passphrase_too_short");
            assert_eq!(std::fs::read_to_string(&file).unwrap(), "river stones 42");
            assert!(core.record_passphrase_set());
            // Off: the file goes.
            save(&p, &core, None).unwrap();
            assert!(!file.exists());
            assert!(!core.record_passphrase_set());
        });
    }
}
