//! The sync's decisions, given / when / then, with no disk: a listing of the folder and what
//! this device knows, and the actions planned.

use super::plan::*;
use crate::record::{Header, RecordFile};
use crate::store::RecordBody;

fn header(profile: &str, device: &str, sha: &str, events: u64) -> Header {
    Header {
        format: "magday-record".into(),
        version: 1,
        profile: profile.into(),
        device: device.into(),
        written_at: "2026-12-01T08:00:00+00:00".into(),
        events,
        versions: 0,
        courses: 0,
        settings: 0,
        body_bytes: 0,
        body_sha256: sha.into(),
        sealed: None,
    }
}

/// A whole file of `profile` written by `device`, holding `events` entries.
fn file(name: &str, profile: &str, device: &str, sha: &str, events: u64) -> Listed {
    let h = header(profile, device, sha, events);
    let f = RecordFile {
        header: h.clone(),
        body: RecordBody::default(),
    };
    Listed {
        name: name.into(),
        read: Read::Whole(h, Ok(Box::new(f))),
    }
}

fn standing(profile: &str, empty: bool) -> Standing {
    Standing {
        profile: profile.into(),
        empty,
        ..Standing::default()
    }
}

#[test]
fn a_file_of_this_record_is_merged_and_this_devices_file_is_written_last() {
    let listing = vec![
        file("magday-b.magday", "me", "b", "s1", 4),
        file("magday-c.magday", "me", "c", "s2", 0),
    ];
    assert_eq!(
        plan(&listing, &standing("me", false)),
        vec![Action::Merge(0), Action::Merge(1), Action::WriteOwn]
    );
}

#[test]
fn a_file_cut_short_is_skipped_with_its_reason_and_a_known_body_is_unchanged() {
    let mut merged = standing("me", false);
    merged.merged.insert("c".into(), "s2".into());
    let listing = vec![
        Listed {
            name: "magday-a.magday".into(),
            read: Read::Failed("the file is cut short".into()),
        },
        Listed {
            name: "magday-b.magday".into(),
            read: Read::Whole(header("me", "b", "s1", 3), Err("checksum".into())),
        },
        file("magday-c.magday", "me", "c", "s2", 1),
        Listed {
            name: "magday-d.magday".into(),
            read: Read::Known(header("me", "d", "s3", 1)),
        },
    ];
    assert_eq!(
        plan(&listing, &merged),
        vec![
            Action::Skip(0, "the file is cut short".into()),
            Action::Skip(1, "checksum".into()),
            Action::Unchanged(2),
            Action::Unchanged(3),
            Action::WriteOwn,
        ]
    );
}

#[test]
fn another_persons_file_is_never_merged_into_a_record_that_holds_something() {
    let listing = vec![file("magday-x.magday", "them", "x", "s1", 9)];
    assert_eq!(
        plan(&listing, &standing("me", false)),
        vec![
            Action::Skip(0, "It belongs to another person's record.".into()),
            Action::WriteOwn
        ]
    );
}

#[test]
fn a_new_device_joins_the_one_record_the_folder_holds_before_merging_it() {
    let listing = vec![
        file("magday-x.magday", "them", "x", "s1", 9),
        file("magday-y.magday", "them", "y", "s2", 2),
    ];
    assert_eq!(
        plan(&listing, &standing("me", true)),
        vec![
            Action::Adopt("them".into()),
            Action::Merge(0),
            Action::Merge(1),
            Action::WriteOwn
        ]
    );
}

#[test]
fn a_new_device_facing_two_peoples_records_asks_and_joins_none() {
    let listing = vec![
        file("magday-x.magday", "ann", "x", "s1", 9),
        file("magday-y.magday", "bob", "y", "s2", 2),
        // An empty file of a third new device is no one's record to choose.
        file("magday-z.magday", "cy", "z", "s3", 0),
    ];
    let actions = plan(&listing, &standing("me", true));
    let Action::Ask(choices) = &actions[0] else {
        panic!("asks first: {actions:?}");
    };
    let asked: Vec<&str> = choices.iter().map(|c| c.profile.as_str()).collect();
    assert_eq!(asked, ["ann", "bob"]);
    let choose = "This folder holds more than one person's record: choose yours in Settings.";
    assert_eq!(
        actions[1..],
        [
            Action::Skip(0, choose.into()),
            Action::Skip(1, choose.into()),
            Action::Skip(2, choose.into()),
            Action::WriteOwn
        ]
    );
}

#[test]
fn the_users_choice_decides_whose_record_a_new_device_follows() {
    let listing = vec![
        file("magday-x.magday", "ann", "x", "s1", 9),
        file("magday-y.magday", "bob", "y", "s2", 2),
    ];
    let mut chose = standing("me", true);
    chose.follow = Some("bob".into());
    assert_eq!(
        plan(&listing, &chose),
        vec![
            Action::Adopt("bob".into()),
            Action::Skip(0, "It belongs to another person's record.".into()),
            Action::Merge(1),
            Action::WriteOwn
        ]
    );
    chose.follow = Some(OWN.into());
    assert_eq!(
        plan(&listing, &chose),
        vec![
            Action::Skip(0, "It belongs to another person's record.".into()),
            Action::Skip(1, "It belongs to another person's record.".into()),
            Action::WriteOwn
        ]
    );
}
