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

/// A document exported from protos reads back with the OpenAPI frontend, with the same
/// operations (paths, methods, security) and the same request body and answer fields.
#[test]
fn proto_exports_read_back_with_the_openapi_frontend() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/cloudforet");
    let mut apis = vec![apigen_proto::load_files(
        &root,
        &apigen_proto::package_files(&root, "spaceone.api.identity.v2").unwrap(),
    )
    .unwrap()];
    match corpus() {
        Some(corpus) => {
            let root = corpus.join("proto");
            // Every directory `spaceone/api/{name}/{version}` that lowers (one that does not is
            // the proto frontend's business, reported by conformance, not the writer's).
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("spaceone/api"))
                .unwrap()
                .flat_map(|e| std::fs::read_dir(e.unwrap().path()).unwrap())
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            for dir in dirs {
                let rel = dir.strip_prefix(&root).unwrap().join("*.proto");
                let lowered = apigen_proto::resolve_files(&root, std::slice::from_ref(&rel))
                    .map_err(|e| e.to_string())
                    .and_then(|files| {
                        apigen_proto::load_files(&root, &files).map_err(|e| e.to_string())
                    });
                match lowered {
                    Ok(api) if api.operations().next().is_some() => apis.push(api),
                    Ok(_) => eprintln!("{}: no operations", rel.display()),
                    Err(e) => eprintln!("{}: does not lower: {e}", rel.display()),
                }
            }
        }
        None => eprintln!("../shared/corpus is absent: only spec/cloudforet is checked"),
    }
    for api in &apis {
        let text = export(api);
        let back = apigen_openapi::parse(&format!("{} (exported)", api.title), &text)
            .unwrap_or_else(|e| panic!("{e}"));
        let routes = |a: &apigen_ir::Api| {
            let mut r: Vec<_> = a
                .operations()
                .map(|op| {
                    let fields = |ty: Option<&apigen_ir::TypeRef>| match ty {
                        Some(apigen_ir::TypeRef::Named(n)) => {
                            match a.type_def(n).map(|d| &d.kind) {
                                Some(apigen_ir::TypeKind::Object(o)) => {
                                    o.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>()
                                }
                                _ => Vec::new(),
                            }
                        }
                        _ => Vec::new(),
                    };
                    let answer = op.success_responses().find_map(|r| r.body.as_ref());
                    (
                        op.http.method,
                        op.http.path.raw.clone(),
                        op.security.len(),
                        fields(op.request_body.as_ref().map(|b| &b.ty)),
                        fields(answer.map(|b| &b.ty)),
                    )
                })
                .collect();
            r.sort_by(|a, b| (a.1.as_str(), a.0).cmp(&(b.1.as_str(), b.0)));
            r
        };
        assert_eq!(routes(api), routes(&back), "{}", api.title);
        eprintln!(
            "{}: {} operations read back",
            api.title,
            back.operations().count()
        );
    }
}
