//! The phone's words for the notification permission (compiled and tested on desktop builds
//! too).

use crate::notifier::{Permission, PermissionView};

/// The phone's operating system, for the permission's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phone {
    Android,
    Ios,
}

impl Phone {
    /// The platform's name, as the permission view gives it.
    pub fn name(self) -> &'static str {
        match self {
            Phone::Android => "android",
            Phone::Ios => "ios",
        }
    }

    /// What the user can do about the notification permission on this phone.
    pub fn permission_help(self, state: Permission) -> &'static str {
        match (self, state) {
            (Phone::Android, Permission::Granted) => "Reminders are on. If they come late, allow \"Alarms & reminders\" for Magday and turn off battery optimisation for it in the system settings.",
            (Phone::Ios, Permission::Granted) => "Reminders are on.",
            (Phone::Android, _) => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Apps › Magday › Notifications, and allow \"Alarms & reminders\" so they come on time.",
            (Phone::Ios, _) => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Notifications › Magday.",
        }
    }

    /// The permission view of `state` on this phone.
    pub fn permission_view(self, state: Permission) -> PermissionView {
        PermissionView::new(state, self.name(), self.permission_help(state))
    }
}
