//! `cargo run -p magday-foodgen [-- [SR_DIR] [--featured CSV] [--out DIR] [--check]]`
//!
//! Regenerates `src-tauri/core/data/foods.tsv` and `featured.tsv` from the USDA files
//! (default: `../shared/data/usda-sr28` beside the repository). `--check` writes nothing and
//! fails when the committed files differ from what would be generated.

use std::path::PathBuf;
use std::process::ExitCode;

use magday_foodgen::{default_out_dir, default_sr_dir, featured_csv_for, generate, GenError};

struct Args {
    sr_dir: PathBuf,
    featured: Option<PathBuf>,
    out: PathBuf,
    check: bool,
}

fn parse_args() -> Result<Args, GenError> {
    let mut args = Args {
        sr_dir: default_sr_dir(),
        featured: None,
        out: default_out_dir(),
        check: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| GenError(format!("{name} needs a path")))
        };
        match arg.as_str() {
            "--featured" => args.featured = Some(value("--featured")?),
            "--out" => args.out = value("--out")?,
            "--check" => args.check = true,
            "-h" | "--help" => {
                return Err(GenError(
                    "usage: magday-foodgen [SR_DIR] [--featured CSV] [--out DIR] [--check]".into(),
                ))
            }
            other if other.starts_with('-') => {
                return Err(GenError(format!("unknown option {other}")))
            }
            other => args.sr_dir = PathBuf::from(other),
        }
    }
    Ok(args)
}

fn run() -> Result<(), GenError> {
    let args = parse_args()?;
    let featured = args
        .featured
        .clone()
        .unwrap_or_else(|| featured_csv_for(&args.sr_dir));
    let generated = generate(&args.sr_dir, &featured)?;
    let files = [
        ("foods.tsv", generated.foods_tsv()?),
        ("featured.tsv", generated.featured_tsv()?),
    ];
    let derived = generated
        .foods
        .iter()
        .filter(|f| f.name_source == magday_foodgen::NameSource::Derived)
        .count();
    eprintln!(
        "{} of {} foods have magnesium ({} named from the short description); {} featured servings ({} left out)",
        generated.foods.len(),
        generated.abbrev_count,
        derived,
        generated.featured.len(),
        generated.skipped_featured.len()
    );
    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = args.out.join(name);
        if args.check {
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != *text {
                stale.push(path.display().to_string());
            }
        } else {
            std::fs::write(&path, text)
                .map_err(|e| GenError(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {} ({} bytes)", path.display(), text.len());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(GenError(format!(
            "out of date: {} (run `cargo run -p magday-foodgen`)",
            stale.join(", ")
        )))
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("magday-foodgen: {e}");
            ExitCode::FAILURE
        }
    }
}
