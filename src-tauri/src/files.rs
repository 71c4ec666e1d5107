//! Where exported files go: the user picks the place in the system's save dialog
//! (tauri-plugin-dialog, called from Rust; the page has no dialog or file permission), which
//! opens in the user's documents folder as Tauri's path API finds it.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::ShellError;

/// Asks the user where to save a file.
pub trait FileSaver: Send + Sync {
    /// The path the user picked, `Ok(None)` when they cancelled, or why the place they picked
    /// cannot be written to.
    fn pick(
        &self,
        suggested_name: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, ShellError> {
        self.pick_save(
            "Save the Magday report",
            suggested_name,
            filter_name,
            extension,
        )
    }

    /// The same, with the dialog's title.
    fn pick_save(
        &self,
        title: &str,
        suggested_name: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, ShellError>;

    /// A file to open, `Ok(None)` when the user cancelled.
    fn pick_open(
        &self,
        title: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, ShellError>;

    /// A folder, `Ok(None)` when the user cancelled.
    fn pick_folder(&self, title: &str) -> Result<Option<PathBuf>, ShellError>;
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

impl<R: Runtime> DialogSaver<R> {
    fn dialog(&self, title: &str) -> tauri_plugin_dialog::FileDialogBuilder<R> {
        let mut dialog = self.app.dialog().file().set_title(title);
        let paths = self.app.path();
        if let Some(dir) = start_folder(paths.document_dir().ok(), paths.home_dir().ok()) {
            dialog = dialog.set_directory(dir);
        }
        dialog
    }
}

impl<R: Runtime> FileSaver for DialogSaver<R> {
    fn pick_open(
        &self,
        title: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, ShellError> {
        match self
            .dialog(title)
            .add_filter(filter_name, &[extension])
            .blocking_pick_file()
        {
            None => Ok(None),
            Some(picked) => picked
                .into_path()
                .map(Some)
                .map_err(|_| ShellError::CannotWriteThere),
        }
    }

    fn pick_folder(&self, title: &str) -> Result<Option<PathBuf>, ShellError> {
        match self.dialog(title).blocking_pick_folder() {
            None => Ok(None),
            Some(picked) => picked
                .into_path()
                .map(Some)
                .map_err(|_| ShellError::CannotWriteThere),
        }
    }

    fn pick_save(
        &self,
        title: &str,
        suggested_name: &str,
        filter_name: &str,
        extension: &str,
    ) -> Result<Option<PathBuf>, ShellError> {
        let mut dialog = self
            .app
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(suggested_name)
            .add_filter(filter_name, &[extension]);
        let paths = self.app.path();
        if let Some(dir) = start_folder(paths.document_dir().ok(), paths.home_dir().ok()) {
            dialog = dialog.set_directory(dir);
        }
        match dialog.blocking_save_file() {
            None => Ok(None),
            // Phones answer with a content URI, which needs the fs plugin to write: not done yet.
            Some(picked) => picked
                .into_path()
                .map(Some)
                .map_err(|_| ShellError::CannotWriteThere),
        }
    }
}

/// Where the dialog opens: the documents folder the system names, when it exists; else
/// `Documents` in the home folder, when it exists; else the home folder; else wherever the
/// dialog likes.
pub fn start_folder(documents: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(documents) = documents.filter(|d| d.is_dir()) {
        return Some(documents);
    }
    let home = home?;
    let documents = home.join("Documents");
    Some(if documents.is_dir() { documents } else { home })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_opens_in_the_documents_folder_or_falls_back_to_home() {
        let home = tempfile::tempdir().expect("tempdir");
        let home = home.path().to_path_buf();
        let named = home.join("Dokumente");
        // Nothing exists yet: the home folder.
        assert_eq!(
            start_folder(Some(named.clone()), Some(home.clone())),
            Some(home.clone())
        );
        // ~/Documents exists: there.
        std::fs::create_dir(home.join("Documents")).expect("mkdir");
        assert_eq!(
            start_folder(Some(named.clone()), Some(home.clone())),
            Some(home.join("Documents"))
        );
        // The folder the system names exists: there.
        std::fs::create_dir(&named).expect("mkdir");
        assert_eq!(
            start_folder(Some(named.clone()), Some(home.clone())),
            Some(named.clone())
        );
        assert_eq!(start_folder(Some(named.clone()), None), Some(named));
        assert_eq!(start_folder(None, None), None);
    }
}
