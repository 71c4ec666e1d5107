//! The `commands!` macro, used once, by `commands.rs`: from the list of commands it makes each
//! one's Tauri handler (refused with `locked` while the app lock is on, unless it is one of
//! the lock's own; its writes claimed for the screens; its input parsed; its error logged with
//! the system's words and answered with the app's), [`COMMAND_NAMES`](super::COMMAND_NAMES),
//! the invoke handler, and each command's TypeScript signature. Names in the bodies resolve
//! where the list is written.

macro_rules! commands {
    (@input $c:ident) => { None };
    (@input $c:ident $t:ty) => { Some($c.add::<$t>()) };
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($st:ident, $now:ident $(, $arg:ident : $ty:ty)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(
                state: tauri::State<'_, AppState>,
                input: Option<serde_json::Value>,
            ) -> Result<$ret, ApiError> {
                let $st: &AppState = &state;
                // The app lock: while locked only its own commands are answered (lock.rs).
                if $st.lock.refuses(stringify!($name)) {
                    return Err(ApiError::from(crate::lock::refusal()));
                }
                let _claim = $st.record.changes.claim(Writer::Screens);
                let $now = $st.now();
                $( let $arg: $ty = parse_input(input.clone())?; )?
                let _ = &input;
                let result: magday_core::Result<$ret> = async { $body }.await;
                result.map_err(|e| {
                    // The system's own text goes to the log; the UI gets the app's words.
                    if let Some(details) = e.details() {
                        log::warn!("{}: {} ({details})", stringify!($name), e.code());
                    }
                    ApiError::from(e)
                })
            }
        )*

        /// Every command's name, in declaration order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The Tauri invoke handler for every command.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Each command's signature, registering its types with the collector.
        pub fn signatures(collector: &mut TypeCollector) -> Vec<CommandSig> {
            vec![$(
                CommandSig {
                    name: stringify!($name),
                    doc: concat!($($doc, "\n"),*),
                    input: commands!(@input collector $($ty)?),
                    output: collector.add::<$ret>(),
                }
            ),*]
        }
    };
}
