//! The open safety pause, kept in a small file beside the database (removed when none is open),
//! so a record put in its place (a backup restored over it, a fresh start after a damaged file)
//! carries the pause forward at the next start.

use magday_core::api::Core;

use super::paths::Paths;

/// Keep the record's open safety pause beside the database, or remove the file when none is
/// open.
pub async fn keep_pause(core: &Core, paths: &Paths) {
    let path = paths.open_pause();
    let result = match core.open_pause().await {
        Ok(Some(open)) => serde_json::to_vec(&open)
            .map_err(magday_core::CoreError::from)
            .and_then(|bytes| magday_core::record::write_atomically(&path, &bytes)),
        Ok(None) => match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        },
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        log::warn!("the open safety pause was not kept beside the record: {e}");
    }
}

/// At start: a pause kept beside the database that the record now in place does not hold (it
/// was restored from an older backup, or started anew) is carried into it, from the instant it
/// began, and says so on every screen.
pub async fn carry_kept_pause(core: &Core, paths: &Paths) {
    let Ok(bytes) = std::fs::read(paths.open_pause()) else {
        return;
    };
    let kept: magday_core::pause::OpenPause = match serde_json::from_slice(&bytes) {
        Ok(k) => k,
        Err(e) => {
            log::warn!("the kept safety pause could not be read: {e}");
            return;
        }
    };
    match core.carry_pause(&kept).await {
        Ok(true) => log::warn!(
            "the safety pause open since {} was missing from the record in place: carried over",
            kept.since
        ),
        Ok(false) => {}
        Err(e) => log::error!("the open safety pause could not be carried over: {e}"),
    }
}
