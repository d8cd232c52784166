//! Embeds the Tauri configuration, capabilities and icons at build time.

fn main() {
    tauri_build::build();
}
