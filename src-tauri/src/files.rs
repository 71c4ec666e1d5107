//! Where exported files go: the user picks the place in the system's save dialog
//! (tauri-plugin-dialog, called from Rust; the page has no dialog or file permission).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks the user where to save a file.
pub trait FileSaver: Send + Sync {
    /// The path the user picked, `Ok(None)` when they cancelled, or why the place they picked
    /// cannot be written to.
    fn pick(
        &self,
        suggested_name: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, String>;
}

/// The system's save dialog.
pub struct DialogSaver<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> DialogSaver<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        DialogSaver { app }
    }
}

impl<R: Runtime> FileSaver for DialogSaver<R> {
    fn pick(
        &self,
        suggested_name: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, String> {
        let mut dialog = self
            .app
            .dialog()
            .file()
            .set_title("Save the Magday report")
            .set_file_name(suggested_name)
            .add_filter(filter_name, &[extension]);
        if let Some(dir) = dirs_documents() {
            dialog = dialog.set_directory(dir);
        }
        match dialog.blocking_save_file() {
            None => Ok(None),
            // Phones answer with a content URI, which needs the fs plugin to write: not done yet.
            Some(picked) => picked.into_path().map(Some).map_err(|_| {
                "Magday cannot write to the place picked (on phones reports are not exported yet: export from the desktop app)".to_string()
            }),
        }
    }
}

/// The user's documents folder, where the dialog opens.
fn dirs_documents() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    let docs = home.join("Documents");
    Some(if docs.is_dir() { docs } else { home })
}
