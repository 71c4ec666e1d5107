//! The tray: today's view as menu lines ([`crate::tray`]), and whether the quit notice was
//! given once.

use super::ctx::Core;
use crate::day::Now;
use crate::error::Result;
use crate::tray::{self, TrayView};

/// The setting remembering that quitting from the tray said, once, that reminders stop.
const QUIT_NOTICE: &str = "tray_quit_notice";

impl Core {
    /// The tray menu and tooltip for today.
    pub async fn tray(&self, now: &Now) -> Result<TrayView> {
        Ok(tray::view(&self.day(None, now).await?))
    }

    /// Whether quitting from the tray already said that reminders stop until Magday starts again.
    pub async fn quit_notice_given(&self) -> Result<bool> {
        Ok(self
            .store
            .setting::<bool>(QUIT_NOTICE)
            .await?
            .unwrap_or(false))
    }

    /// Remember that the quit notice was given.
    pub async fn note_quit_notice(&self) -> Result<()> {
        self.store.set_setting(QUIT_NOTICE, &true).await
    }
}
