//! A bare Tauri window with the same Tauri build as the app: the yardstick
//! `scripts/measure-startup.sh` measures Dateline's startup and memory against.
//! It prints the wall-clock time at DOMContentLoaded and nothing else.

#[tauri::command]
fn ready() {
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    println!("DATELINE_READY epoch_ms={epoch_ms}");
}

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!("examples/bare/tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("bare: {e}");
        std::process::exit(1);
    }
}
