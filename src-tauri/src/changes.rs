//! The one path a change of the record takes through the shell. The core counts every write
//! that changes the record ([`Core::watch_writes`](magday_core::api::Core::watch_writes)); a
//! single task ([`spawn`]) waits on that count, lets a burst of writes settle, and hands one
//! [`Change`] on: the shell then re-plans the reminders (a phone's scheduled window, the
//! desktop's tray) and, when the screens did not ask for the change themselves, tells them
//! (`record-changed`, [`RECORD_CHANGED`], with the record's new generation). Nothing is re-planned
//! by hand after a write, and nothing polls: the task sleeps until the count moves.
//!
//! Who wrote is read from claims on stretches of the count:
//! - a command claims its writes for the screens ([`Writer::Screens`]): the screen that asked
//!   shows what the command answered, so they re-plan the reminders and reload nothing;
//! - a sync claims its own ([`Writer::Sync`]): it merges on every run, whether or not a file
//!   brought anything, so it says itself when it changed the record ([`Changes::from_elsewhere`]);
//! - anything else (the tray's "Mark taken", a notification's buttons, a write not foreseen
//!   here) re-plans and reloads the screens. The tray and the buttons also say so themselves,
//!   so that a command running at the same moment never hides their write from the screens.
//!
//! The generation the event carries is the one `get_record_generation` answers: a screen that
//! already reflects a generation ignores an event that repeats it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::{watch, Notify};

/// The event the screens listen to: the record changed in a way they did not ask for (a sync,
/// an import, a restore, the tray); its payload is the record's new generation.
pub const RECORD_CHANGED: &str = "record-changed";

/// How long the record must stay quiet before a change is handed on (a burst of taps gives one).
const QUIET: Duration = Duration::from_millis(300);

/// The longest a steady stream of writes holds a change back.
const AT_MOST: Duration = Duration::from_secs(2);

/// Claims kept before the oldest finished ones are dropped (they only matter until the task
/// has weighed their writes; it never runs on the recovery screen).
const MAX_CLAIMS: usize = 64;

/// Whose writes a claimed stretch of the write count holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// A command: the screen that asked shows its answer, so only the reminders are re-planned.
    Screens,
    /// A sync: it tells of its own changes ([`Changes::from_elsewhere`]), since it also writes
    /// when it brought nothing.
    Sync,
}

/// What the change task hands on, once per settled change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The record's generation (new when `reload` is set).
    pub generation: u64,
    /// The screens did not ask for this change: they load their data again.
    pub reload: bool,
}

/// A stretch of the write count claimed by a writer: the writes after `from`, up to `to`
/// (`None` while the writer is still at work).
#[derive(Debug, Clone, Copy)]
struct Claim {
    id: u64,
    by: Writer,
    from: u64,
    to: Option<u64>,
}

impl Claim {
    fn covers(&self, write: u64) -> bool {
        self.from < write && self.to.is_none_or(|to| write <= to)
    }
}

#[derive(Debug, Default)]
struct Ledger {
    /// The write count weighed so far.
    seen: u64,
    claims: Vec<Claim>,
    next_id: u64,
    /// A writer said the record changed from elsewhere since the last change was handed on.
    elsewhere: bool,
}

/// The record's change ledger and generation, shared by the commands, the sync and the task.
pub struct Changes {
    writes: watch::Receiver<u64>,
    ledger: Mutex<Ledger>,
    wake: Notify,
    generation: AtomicU64,
}

/// A writer's claim on the writes it makes while this lives.
pub struct Claimed<'a> {
    changes: &'a Changes,
    id: u64,
}

impl Drop for Claimed<'_> {
    fn drop(&mut self) {
        self.changes.close(self.id);
    }
}

impl Changes {
    /// The ledger of the record whose writes `writes` counts; its generation starts at 0.
    pub fn new(writes: watch::Receiver<u64>) -> Changes {
        let seen = *writes.borrow();
        Changes {
            writes,
            ledger: Mutex::new(Ledger {
                seen,
                ..Ledger::default()
            }),
            wake: Notify::new(),
            generation: AtomicU64::new(0),
        }
    }

    /// The record's generation: bumped each time the screens are told to load again.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn count(&self) -> u64 {
        *self.writes.borrow()
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Claim the writes made from now until the returned guard is dropped.
    pub fn claim(&self, by: Writer) -> Claimed<'_> {
        let mut ledger = self.ledger();
        let id = ledger.next_id;
        ledger.next_id = id.wrapping_add(1);
        if ledger.claims.len() >= MAX_CLAIMS {
            if let Some(oldest) = ledger.claims.iter().position(|c| c.to.is_some()) {
                ledger.claims.remove(oldest);
            }
        }
        let from = self.count();
        ledger.claims.push(Claim {
            id,
            by,
            from,
            to: None,
        });
        Claimed { changes: self, id }
    }

    fn close(&self, id: u64) {
        let to = self.count();
        let mut ledger = self.ledger();
        if let Some(i) = ledger.claims.iter().position(|c| c.id == id) {
            if ledger.claims[i].from == to {
                ledger.claims.remove(i); // nothing written: nothing to weigh
            } else {
                ledger.claims[i].to = Some(to);
            }
        }
    }

    /// The record changed in a way the screens did not ask for (a sync or an import that
    /// brought something, a restore, the tray, a notification's button): the next change
    /// handed on reloads them, even with no write counted.
    pub fn from_elsewhere(&self) {
        self.ledger().elsewhere = true;
        self.wake.notify_one();
    }

    /// Weigh the writes up to the count `now` and what writers said since the last call: the
    /// change to hand on, if any.
    fn settle(&self, now: u64) -> Option<Change> {
        let mut ledger = self.ledger();
        let (mut replan, mut reload) = (ledger.elsewhere, ledger.elsewhere);
        let mut write = ledger.seen;
        while write != now {
            write = write.wrapping_add(1);
            let by = |who: Writer| ledger.claims.iter().any(|c| c.by == who && c.covers(write));
            if by(Writer::Screens) {
                replan = true;
            } else if !by(Writer::Sync) {
                replan = true;
                reload = true;
            }
        }
        ledger.seen = now;
        ledger.elsewhere = false;
        ledger.claims.retain(|c| c.to.is_none_or(|to| to > now));
        drop(ledger);
        let generation = if reload {
            self.generation
                .fetch_add(1, Ordering::SeqCst)
                .wrapping_add(1)
        } else {
            self.generation()
        };
        replan.then_some(Change { generation, reload })
    }
}

/// Start the change task: it waits for the write count to move (or a writer to say the record
/// changed), lets the record go quiet for [`QUIET`] (at most [`AT_MOST`]), and hands what
/// happened to `on_change`, once. It ends when the record's store is gone.
pub fn spawn(changes: Arc<Changes>, on_change: impl Fn(Change) + Send + 'static) {
    tauri::async_runtime::spawn(follow(changes, on_change));
}

async fn follow(changes: Arc<Changes>, on_change: impl Fn(Change) + Send + 'static) {
    let mut writes = changes.writes.clone();
    loop {
        tokio::select! {
            moved = writes.changed() => if moved.is_err() { break },
            () = changes.wake.notified() => {}
        }
        let mut waited = Duration::ZERO;
        loop {
            tokio::time::sleep(QUIET).await;
            waited += QUIET;
            if waited >= AT_MOST || !writes.has_changed().unwrap_or(false) {
                break;
            }
            writes.borrow_and_update();
        }
        let now = *writes.borrow_and_update();
        if let Some(change) = changes.settle(now) {
            on_change(change);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// A write count the test moves by hand.
    fn counted() -> (watch::Sender<u64>, Changes) {
        let (tx, rx) = watch::channel(0);
        (tx, Changes::new(rx))
    }

    fn write(tx: &watch::Sender<u64>) {
        tx.send_modify(|n| *n += 1);
    }

    fn settle(tx: &watch::Sender<u64>, changes: &Changes) -> Option<Change> {
        changes.settle(*tx.borrow())
    }

    #[test]
    fn the_screens_own_writes_replan_without_reloading_them() {
        let (tx, changes) = counted();
        {
            let _claim = changes.claim(Writer::Screens);
            write(&tx);
            write(&tx);
        }
        let change = settle(&tx, &changes);
        assert_eq!(
            change,
            Some(Change {
                generation: 0,
                reload: false
            })
        );
        assert_eq!(settle(&tx, &changes), None, "nothing new");
    }

    #[test]
    fn a_write_nobody_claimed_reloads_the_screens_with_a_new_generation() {
        let (tx, changes) = counted();
        write(&tx);
        assert_eq!(
            settle(&tx, &changes),
            Some(Change {
                generation: 1,
                reload: true
            })
        );
        assert_eq!(changes.generation(), 1);
    }

    #[test]
    fn a_sync_that_brought_nothing_is_no_change_and_one_that_did_says_so() {
        let (tx, changes) = counted();
        {
            let _claim = changes.claim(Writer::Sync);
            write(&tx); // the merge, which adds nothing
        }
        assert_eq!(settle(&tx, &changes), None);
        {
            let _claim = changes.claim(Writer::Sync);
            write(&tx);
            changes.from_elsewhere();
        }
        assert_eq!(
            settle(&tx, &changes),
            Some(Change {
                generation: 1,
                reload: true
            })
        );
    }

    #[test]
    fn a_tap_during_a_sync_is_still_replanned_and_a_claim_still_open_counts() {
        let (tx, changes) = counted();
        let sync = changes.claim(Writer::Sync);
        write(&tx);
        let tap = changes.claim(Writer::Screens);
        write(&tx);
        // Weighed while both are at work: the tap's write is the screens'.
        assert_eq!(
            settle(&tx, &changes),
            Some(Change {
                generation: 0,
                reload: false
            })
        );
        drop(tap);
        drop(sync);
        write(&tx); // after both: nobody's
        assert_eq!(settle(&tx, &changes).map(|c| c.reload), Some(true));
    }

    #[test]
    fn a_claim_that_wrote_nothing_leaves_no_trace() {
        let (tx, changes) = counted();
        drop(changes.claim(Writer::Screens));
        assert!(changes.ledger().claims.is_empty());
        write(&tx);
        assert_eq!(settle(&tx, &changes).map(|c| c.reload), Some(true));
    }

    /// Five writes in a row are one change, handed on once the record is quiet.
    #[tokio::test]
    async fn a_burst_of_writes_is_handed_on_once() {
        let (tx, rx) = watch::channel(0);
        let changes = Arc::new(Changes::new(rx));
        let got = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&got);
        spawn(Arc::clone(&changes), move |c| {
            seen.lock().unwrap_or_else(PoisonError::into_inner).push(c)
        });
        for _ in 0..5 {
            write(&tx);
        }
        tokio::time::sleep(QUIET * 4).await;
        assert_eq!(
            *got.lock().unwrap_or_else(PoisonError::into_inner),
            [Change {
                generation: 1,
                reload: true
            }]
        );
        // Said with no write counted (a sync's "devices seen"): handed on too.
        changes.from_elsewhere();
        tokio::time::sleep(QUIET * 4).await;
        assert_eq!(got.lock().unwrap_or_else(PoisonError::into_inner).len(), 2);
    }
}
