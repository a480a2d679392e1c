//! Parameter styles and body media types the OpenAPI frontend reads, and those it refuses
//! with their place.

/// The error `parse` reports for `text` (named `t.yaml`), as displayed.
fn error(text: &str) -> String {
    match apigen_openapi::parse("t.yaml", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// A minimal document with `paths` and `components` spliced in (YAML flow style).
fn doc(paths: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\ncomponents: {components}\n"
    )
}

#[test]
fn content_parameters_are_json_and_other_styles_refused() {
    let paths = "{/a: {get: {parameters: [{name: q, in: query, content: {application/json: {schema: {type: object}}}}], responses: {'200': {description: ok}}}}}";
    let api = apigen_openapi::parse("t.yaml", &doc(paths, "{}")).unwrap();
    let q = &api.operations().next().unwrap().parameters[0];
    assert_eq!(q.style, apigen_ir::ParameterStyle::Json);
    let paths = "{/a: {get: {parameters: [{name: q, in: query, content: {text/plain: {schema: {type: string}}}}], responses: {'200': {description: ok}}}}}";
    assert_eq!(
        error(&doc(paths, "{}")),
        "t.yaml#/paths/~1a/get/parameters/0/content: \
         parameters described by `content` are supported for one JSON media type with a `schema` only"
    );
}

#[test]
fn label_matrix_and_allow_reserved_are_read() {
    let paths = "{'/a/{p}/{q}': {get: {parameters: [{name: p, in: path, required: true, style: matrix, schema: {type: string}}, {name: q, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}, {name: r, in: query, allowReserved: true, schema: {type: string}}], responses: {'200': {description: ok}}}}}";
    let api = apigen_openapi::parse("t.yaml", &doc(paths, "{}")).unwrap();
    let params = &api.operations().next().unwrap().parameters;
    use apigen_ir::ParameterStyle::*;
    let read: Vec<_> = params
        .iter()
        .map(|p| (p.style, p.explode, p.allow_reserved))
        .collect();
    assert_eq!(
        read,
        [
            (Matrix, false, false),
            (Label, true, false),
            (Plain, true, true)
        ]
    );
}

#[test]
fn multipart_bodies_must_be_objects_and_encoding_is_read() {
    let body = |schema: &str, extra: &str| {
        format!("{{/a: {{post: {{requestBody: {{content: {{multipart/form-data: {{schema: {schema}{extra}}}}}}}, responses: {{'200': {{description: ok}}}}}}}}}}")
    };
    assert_eq!(
        error(&doc(&body("{type: string}", ""), "{}")),
        "t.yaml#/paths/~1a/post/requestBody/content/multipart~1form-data/schema: a multipart/form-data body whose schema is not an object with `properties` is not supported"
    );
    let api = apigen_openapi::parse(
        "t.yaml",
        &doc(
            &body(
                "{type: object, properties: {f: {type: string, format: binary}}}",
                ", encoding: {f: {contentType: 'image/png, image/*', headers: {X-A: {schema: {type: string}}}}, g: {contentType: 'image/*'}}",
            ),
            "{}",
        ),
    )
    .unwrap();
    let b = api
        .operations()
        .next()
        .unwrap()
        .request_body
        .clone()
        .unwrap();
    assert_eq!(b.encoding, apigen_ir::BodyEncoding::Multipart);
    // The first media type of a list; a wildcard keeps the default.
    let parts: Vec<_> = b.parts.iter().map(|p| (p.field.as_str(), p.media_type.as_str())).collect();
    assert_eq!(parts, [("f", "image/png")]);
    assert!(api.skipped.iter().any(|s| s.location
        == "#/paths/~1a/post/requestBody/content/multipart~1form-data/encoding/f/headers"
        && s.reason.contains("not generated")));
}

#[test]
fn delimited_and_deep_object_styles_are_read() {
    let paths = "{/a: {get: {parameters: [{name: s, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: string}}}, {name: p, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}, {name: d, in: query, style: deepObject, schema: {type: object, properties: {x: {type: string}}}}], responses: {'200': {description: ok}}}}}";
    let api = apigen_openapi::parse("t.yaml", &doc(paths, "{}")).unwrap();
    let styles: Vec<_> = api
        .operations()
        .next()
        .unwrap()
        .parameters
        .iter()
        .map(|p| p.style)
        .collect();
    use apigen_ir::ParameterStyle::*;
    assert_eq!(styles, [SpaceDelimited, PipeDelimited, DeepObject]);
}
