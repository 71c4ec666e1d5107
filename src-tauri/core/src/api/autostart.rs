//! Starting at login (desktop): whether this device already answered the one-time offer. The
//! autostart entry itself is the shell's (tauri-plugin-autostart); the flag is this device's own
//! setting and does not travel with sync (it is not in `SYNCED_SETTINGS`).

use super::ctx::Core;
use crate::error::Result;

/// The setting that remembers the offer was answered.
const AUTOSTART_OFFERED: &str = "autostart_offered";

impl Core {
    /// Whether the one-time "start at login" offer was answered (or the setting changed).
    pub async fn autostart_offered(&self) -> Result<bool> {
        Ok(self
            .store
            .setting::<bool>(AUTOSTART_OFFERED)
            .await?
            .unwrap_or(false))
    }

    /// Remember that the offer was answered: it is not made again.
    pub async fn mark_autostart_offered(&self) -> Result<()> {
        self.store.set_setting(AUTOSTART_OFFERED, &true).await
    }
}

#[cfg(test)]
mod tests {
    use crate::api::Core;

    #[tokio::test]
    async fn the_offer_is_made_until_answered_and_stays_on_this_device() {
        let core = Core::open_in_memory().await.expect("core");
        assert!(!core.autostart_offered().await.expect("read"));
        core.mark_autostart_offered().await.expect("marked");
        assert!(core.autostart_offered().await.expect("read"));
        assert!(!crate::store::SYNCED_SETTINGS.contains(&super::AUTOSTART_OFFERED));
    }
}
