//! Writing a file whole or not at all, the one way every file the app writes is replaced
//! (record files, backups, restores, exports): the ground floor under the store and the record.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;

/// Write `bytes` to `path` whole or not at all: beside it, flushed to disk, then renamed over
/// it (and the folder flushed, where the system allows).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = tmp_path(path);
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        // Flushing a folder is not possible everywhere (Windows); the rename stands either way.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// The temporary name a file is written under before its rename: hidden, and not a record
/// file's name, so a sync folder's reader never takes it for one.
pub fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.part"))
}
