fn main() {
    match origin_schema_core::generate(&origin_schema_core::presets::veza()) {
        Ok(files) => {
            for f in files {
                println!("-- file: {}\n{}", f.name, f.sql);
            }
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
