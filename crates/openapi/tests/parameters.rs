//! Parameter styles the OpenAPI frontend reads, and those it refuses with their place.

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
    let paths = "{'/a/{p}': {get: {parameters: [{name: p, in: path, required: true, style: matrix, schema: {type: string}}], responses: {'200': {description: ok}}}}}";
    assert_eq!(
        error(&doc(paths, "{}")),
        "t.yaml#/paths/~1a~1{p}/get/parameters/0/style: parameter style `matrix` is not supported"
    );
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
