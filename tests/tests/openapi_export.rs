//! The OpenAPI 3.1 export (`apigen-openapi-export`): round trips through the OpenAPI frontend,
//! and agreement with Cloudforet's own exports of its protos.

mod openapi_export {
    mod agreement;
    mod round_trip;
}

use std::path::{Path, PathBuf};

/// `../shared/corpus`, when it is checked out.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// The document of an API as our writer writes it.
pub fn export(api: &apigen_ir::Api) -> String {
    apigen_openapi_export::document(api, &apigen_openapi_export::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", api.title))
        .to_json()
}
