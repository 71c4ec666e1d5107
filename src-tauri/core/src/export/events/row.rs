//! One row of the event CSV, and the formatters its rows share.

use super::super::ExportData;

/// One row, from `date` on (the range columns are the same on every row).
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub(super) date: String,
    pub(super) course_day: String,
    pub(super) kind: String,
    pub(super) item: String,
    pub(super) action: String,
    pub(super) status: String,
    pub(super) scheduled: String,
    pub(super) due_at: String,
    pub(super) recorded_at: String,
    pub(super) value: String,
    pub(super) mg: String,
    pub(super) form: String,
    pub(super) product: String,
    pub(super) note: String,
    pub(super) device: String,
    pub(super) entry: String,
    pub(super) corrects: String,
}

impl Row {
    pub(super) fn fields(&self) -> [&str; 17] {
        [
            &self.date,
            &self.course_day,
            &self.kind,
            &self.item,
            &self.action,
            &self.status,
            &self.scheduled,
            &self.due_at,
            &self.recorded_at,
            &self.value,
            &self.mg,
            &self.form,
            &self.product,
            &self.note,
            &self.device,
            &self.entry,
            &self.corrects,
        ]
    }
}

/// An amount without trailing zeros, to a tenth ("100", "33.3").
pub(super) fn amount(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").unwrap_or(&s).to_string()
}

/// The supplement's form and product under version `id`.
pub(super) fn form_and_product(d: &ExportData, id: Option<i64>) -> (String, String) {
    let plan = d
        .versions
        .iter()
        .find(|v| Some(v.0) == id)
        .and_then(|v| v.3.supplement.as_ref());
    match plan {
        Some(p) if !p.form_name.is_empty() => (p.form_name.clone(), p.product.clone()),
        Some(p) => (p.form.clone(), p.product.clone()),
        None => (String::new(), String::new()),
    }
}
