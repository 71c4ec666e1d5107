//! How far each medicine the user takes must stay from magnesium: its class's window, its
//! label's, or the user's own for another medicine (reference §4).

use super::labels::label_window;
use super::medicines::{MedicineClass, Separation, DEFAULT_OTHER_WINDOW_MIN};
use super::names::class_in_force;
use super::sources::SRC_EMC_LEAFLET;

/// The window for one medicine the user takes (reference §4). Its class is the one its name
/// says, whatever was picked ([`class_in_force`]). A medicine whose label sets a window
/// gets the wider of the label's and its class's on each side (levofloxacin: label 2 h after,
/// quinolones 4 h: 4 h); one of no class there (levothyroxine) gets its label's. Another
/// prescription medicine without a label gets `window_min` (2 h by default) either side. `wider`
/// is the conservative option of the UK leaflet (2–3 h from medicines in general, 3–4 h from
/// iron and bisphosphonates), a setting of its own, separate from the EU 250 mg limit: it widens
/// a window to at least the leaflet's, never narrows one.
pub fn separation_for(
    class: MedicineClass,
    name: &str,
    window_min: Option<u32>,
    wider: bool,
) -> Option<Separation> {
    let class = class_in_force(class, name);
    let label = label_window(name).map(|l| Separation {
        before_min: l.before_min,
        after_min: l.after_min,
        source: l.source,
    });
    let own = match (class, label) {
        (MedicineClass::Other, Some(_)) => None,
        (MedicineClass::Other, None) => {
            let w = window_min.unwrap_or(DEFAULT_OTHER_WINDOW_MIN);
            Some(Separation {
                before_min: w,
                after_min: w,
                source: SRC_EMC_LEAFLET,
            })
        }
        (class, _) => class.separation(false),
    };
    let base = wider_of(label, own);
    if wider {
        wider_of(base, class.separation(true))
    } else {
        base
    }
}

/// The wider of two windows on each side, citing the first's source unless the second alone
/// gives the result.
fn wider_of(a: Option<Separation>, b: Option<Separation>) -> Option<Separation> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (a, b) => return a.or(b),
    };
    let (before_min, after_min) = (a.before_min.max(b.before_min), a.after_min.max(b.after_min));
    let from_b = (b.before_min, b.after_min) == (before_min, after_min)
        && (a.before_min, a.after_min) != (before_min, after_min);
    Some(Separation {
        before_min,
        after_min,
        source: if from_b { b.source } else { a.source },
    })
}
