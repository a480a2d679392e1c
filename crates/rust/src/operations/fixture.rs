//! A hand-built API that exercises what the client and server backends handle: every
//! parameter location and codec, aliases with bounds, defaults, enums, several success and
//! error bodies, ranges and `default`, API keys, AND-ed and anonymous security, proto-like
//! operations (no security, no error responses, empty output), a keyword operation name,
//! deprecation, and operations axum cannot route.

use apigen_ir::*;
use serde_json::json;

fn prim(kind: PrimitiveKind) -> TypeRef {
    TypeRef::Primitive(Primitive::new(kind))
}

fn named(n: &str) -> TypeRef {
    TypeRef::Named(n.to_string())
}

fn docs(text: &str) -> Docs {
    Docs::description(text)
}

fn field(name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        name: name.into(),
        ty,
        required,
        nullable: false,
        read_only: false,
        write_only: false,
        default: None,
        docs: docs(&format!("The {name}.")),
        deprecated: false,
        proto_number: None,
        oneof: None,
        json_name: None,
        proto_type: None,
        proto_map_key: None,
        presence: None,
        sizes: Default::default(),
    }
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.into(),
        name_origin: NameOrigin::Spec,
        namespace: Vec::new(),
        docs: docs(&format!("A {name}.")),
        location: format!("#/components/schemas/{name}"),
        kind,
    }
}

fn param(name: &str, location: ParameterLocation, ty: TypeRef, required: bool) -> Parameter {
    Parameter {
        name: name.into(),
        location,
        required,
        ty,
        default: None,
        docs: docs(&format!("The {name} parameter.")),
        deprecated: false,
        explode: true,
        style: apigen_ir::ParameterStyle::Plain,
        allow_reserved: false,
    }
}

fn json_body(ty: TypeRef) -> Option<ResponseBody> {
    Some(ResponseBody {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty,
        alternatives: Vec::new(),
        parts: Vec::new(),
    })
}

fn response(status: ResponseStatus, body: Option<ResponseBody>, headers: Vec<Header>) -> Response {
    Response {
        status,
        docs: docs(&format!("Answer {status}.")),
        body,
        headers,
    }
}

fn op(id: &str, method: HttpMethod, path: &str) -> Operation {
    Operation {
        id: id.into(),
        docs: Docs {
            summary: Some(format!("The {id} operation")),
            description: None,
        },
        location: format!("#/paths/{path}"),
        http: HttpBinding {
            method,
            path: PathTemplate::parse(path).unwrap(),
        },
        parameters: Vec::new(),
        request_body: None,
        responses: Vec::new(),
        security: Vec::new(),
        deprecated: false,
    }
}

fn security(alternatives: &[&[&str]]) -> Vec<SecurityRequirement> {
    alternatives
        .iter()
        .map(|a| SecurityRequirement {
            schemes: a.iter().map(|s| s.to_string()).collect(),
        })
        .collect()
}

/// Backend options for the fixture crates (`kitchen-models`, `kitchen-client`, …).
pub fn opts() -> crate::Options {
    crate::Options {
        source: "fixture.yaml".into(),
        models_crate: "kitchen-models".into(),
        client_crate: "kitchen-client".into(),
        server_crate: "kitchen-server".into(),
        version: "0.1.0".into(),
        ..Default::default()
    }
}

/// The kitchen-sink API.
pub fn api() -> Api {
    let limit = TypeRef::Primitive(Primitive {
        kind: PrimitiveKind::Int32,
        constraints: Constraints {
            minimum: Some(1.0),
            maximum: Some(100.0),
            ..Constraints::default()
        },
    });
    let short = TypeRef::Primitive(Primitive {
        kind: PrimitiveKind::String,
        constraints: Constraints {
            min_length: Some(1),
            max_length: Some(40),
            ..Constraints::default()
        },
    });
    let id_item = TypeRef::Primitive(Primitive {
        kind: PrimitiveKind::Int64,
        constraints: Constraints {
            minimum: Some(1.0),
            ..Constraints::default()
        },
    });
    let enum_value = |v: &str| EnumValue {
        value: v.into(),
        number: None,
        docs: Docs::default(),
    };
    let mut types = vec![
        def(
            "Pet",
            TypeKind::Object(ObjectType {
                fields: vec![
                    field("id", prim(PrimitiveKind::Int64), true),
                    field("name", short.clone(), true),
                    field("kind", named("PetKind"), true),
                    field("tag", prim(PrimitiveKind::String), false),
                ],
                additional_properties: None,
                alternatives: None,
            }),
        ),
        def(
            "PetKind",
            TypeKind::Enum(EnumType {
                repr: EnumRepr::String,
                values: vec![enum_value("dog"), enum_value("cat")],
            }),
        ),
        def(
            "Problem",
            TypeKind::Object(ObjectType {
                fields: vec![
                    field("code", prim(PrimitiveKind::Int32), false),
                    field("message", prim(PrimitiveKind::String), false),
                ],
                additional_properties: None,
                alternatives: None,
            }),
        ),
        def("Limit", TypeKind::Alias(limit)),
        def(
            "PingRequest",
            TypeKind::Object(ObjectType {
                fields: vec![field("message", prim(PrimitiveKind::String), false)],
                additional_properties: None,
                alternatives: None,
            }),
        ),
    ];
    types.sort_by(|a, b| a.name.cmp(&b.name));

    let header = |name: &str, ty: TypeRef| Header {
        name: name.into(),
        ty,
        required: false,
        docs: docs(&format!("The {name} header.")),
    };

    let mut list = op("ListPets", HttpMethod::Get, "/pets");
    list.parameters = vec![
        Parameter {
            default: Some(json!(20)),
            ..param("limit", ParameterLocation::Query, named("Limit"), false)
        },
        param(
            "tags",
            ParameterLocation::Query,
            TypeRef::Array(Box::new(prim(PrimitiveKind::String))),
            false,
        ),
        Parameter {
            explode: false,
            style: apigen_ir::ParameterStyle::Plain,
            allow_reserved: false,
            ..param(
                "ids",
                ParameterLocation::Query,
                TypeRef::Array(Box::new(id_item)),
                false,
            )
        },
        param(
            "since",
            ParameterLocation::Query,
            prim(PrimitiveKind::DateTime),
            false,
        ),
        Parameter {
            default: Some(json!("dog")),
            ..param("kind", ParameterLocation::Query, named("PetKind"), false)
        },
        param("filter", ParameterLocation::Query, named("Problem"), false),
        param(
            "X-Request-Id",
            ParameterLocation::Header,
            prim(PrimitiveKind::Uuid),
            false,
        ),
        param(
            "session",
            ParameterLocation::Cookie,
            prim(PrimitiveKind::String),
            false,
        ),
    ];
    list.responses = vec![
        response(
            ResponseStatus::Code(200),
            json_body(TypeRef::Array(Box::new(named("Pet")))),
            vec![
                header("Link", prim(PrimitiveKind::String)),
                header("X-Total", prim(PrimitiveKind::Int64)),
            ],
        ),
        response(
            ResponseStatus::Code(400),
            json_body(named("Problem")),
            vec![],
        ),
        response(ResponseStatus::Default, json_body(named("Problem")), vec![]),
    ];
    list.security = security(&[&["key"], &[]]);

    let mut create = op("CreatePet", HttpMethod::Post, "/pets");
    create.request_body = Some(RequestBody {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty: named("Pet"),
        alternatives: Vec::new(),
        parts: Vec::new(),
        required: true,
        docs: docs("The pet to add."),
    });
    create.parameters = vec![param(
        "X-Request-Id",
        ParameterLocation::Header,
        prim(PrimitiveKind::Uuid),
        true,
    )];
    create.responses = vec![
        response(
            ResponseStatus::Code(201),
            json_body(named("Pet")),
            vec![header("Location", prim(PrimitiveKind::String))],
        ),
        response(ResponseStatus::Code(204), None, vec![]),
        response(ResponseStatus::Code(409), None, vec![]),
        response(
            ResponseStatus::Code(422),
            json_body(named("Problem")),
            vec![],
        ),
        response(ResponseStatus::Range(5), json_body(TypeRef::Any), vec![]),
    ];
    create.security = security(&[&["basic", "key"]]);

    let mut get = op("GetPet", HttpMethod::Get, "/pets/{petId}");
    get.parameters = vec![param(
        "petId",
        ParameterLocation::Path,
        prim(PrimitiveKind::Int64),
        true,
    )];
    get.responses = vec![
        response(ResponseStatus::Code(200), json_body(named("Pet")), vec![]),
        response(
            ResponseStatus::Code(404),
            json_body(named("Problem")),
            vec![],
        ),
    ];
    get.security = security(&[&["qkey"]]);

    let mut photo = op(
        "UploadPhoto",
        HttpMethod::Put,
        "/pets/{petId}/photo/{path=**}",
    );
    photo.parameters = vec![param(
        "petId",
        ParameterLocation::Path,
        prim(PrimitiveKind::String),
        true,
    )];
    photo.request_body = Some(RequestBody {
        media_type: "text/plain".into(),
        encoding: BodyEncoding::Text,
        ty: prim(PrimitiveKind::String),
        alternatives: Vec::new(),
        parts: Vec::new(),
        required: false,
        docs: Docs::default(),
    });
    photo.responses = vec![response(
        ResponseStatus::Code(200),
        Some(ResponseBody {
            media_type: "text/plain".into(),
            encoding: BodyEncoding::Text,
            ty: prim(PrimitiveKind::String),
            alternatives: Vec::new(),
            parts: Vec::new(),
        }),
        vec![],
    )];

    let mut ping = op("Ping", HttpMethod::Post, "/v1/ping");
    ping.request_body = Some(RequestBody {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty: named("PingRequest"),
        alternatives: Vec::new(),
        parts: Vec::new(),
        required: true,
        docs: Docs::default(),
    });
    ping.responses = vec![response(
        ResponseStatus::Code(200),
        json_body(TypeRef::Unit),
        vec![],
    )];

    let mut kw = op("type", HttpMethod::Patch, "/type");
    kw.deprecated = true;
    kw.request_body = Some(RequestBody {
        media_type: "application/x-www-form-urlencoded".into(),
        encoding: BodyEncoding::FormUrlEncoded,
        ty: named("Problem"),
        alternatives: Vec::new(),
        parts: Vec::new(),
        required: false,
        docs: Docs::default(),
    });
    kw.responses = vec![response(
        ResponseStatus::Range(2),
        json_body(named("Problem")),
        vec![],
    )];
    kw.parameters = vec![Parameter {
        deprecated: true,
        ..param(
            "level",
            ParameterLocation::Query,
            prim(PrimitiveKind::Double),
            false,
        )
    }];

    let mut suffix = op("GetFile", HttpMethod::Get, "/files/{name}.json");
    suffix.parameters = vec![param(
        "name",
        ParameterLocation::Path,
        prim(PrimitiveKind::String),
        true,
    )];
    suffix.responses = vec![response(
        ResponseStatus::Code(200),
        json_body(TypeRef::Any),
        vec![],
    )];

    let mut dup = op("ListPetsAgain", HttpMethod::Get, "/pets");
    dup.responses = vec![response(ResponseStatus::Code(200), None, vec![])];

    let scheme = |id: &str, kind: SecuritySchemeKind| SecurityScheme {
        id: id.into(),
        kind,
        docs: Docs::default(),
    };
    let mut api = Api {
        json_mapping: apigen_ir::JsonMapping::Plain,
        title: "Kitchen Sink".into(),
        version: Some("2.0".into()),
        docs: docs("An API with everything."),
        servers: vec!["https://{region}.example.com".into()],
        services: vec![Service {
            name: "pets".into(),
            docs: Docs::default(),
            operations: vec![list, create, get, photo, ping, kw, suffix, dup],
            rpcs: Vec::new(),
            package: String::new(),
        }],
        types,
        security_schemes: vec![
            scheme("basic", SecuritySchemeKind::HttpBasic),
            scheme(
                "key",
                SecuritySchemeKind::ApiKey {
                    name: "X-Api-Key".into(),
                    location: ParameterLocation::Header,
                },
            ),
            scheme(
                "qkey",
                SecuritySchemeKind::ApiKey {
                    name: "api_key".into(),
                    location: ParameterLocation::Query,
                },
            ),
        ],
        skipped: Vec::new(),
    };
    api.normalize();
    api
}

/// An IONOS-like API: Basic or Bearer on every operation, one error schema, rate-limit headers.
pub fn tokens_api() -> Api {
    let mut create = op("CreateToken", HttpMethod::Get, "/tokens/generate");
    create.parameters = vec![
        Parameter {
            default: Some(json!(3600)),
            ..param(
                "ttl",
                ParameterLocation::Query,
                TypeRef::Primitive(Primitive {
                    kind: PrimitiveKind::Int32,
                    constraints: Constraints {
                        minimum: Some(60.0),
                        maximum: Some(3600.0),
                        ..Constraints::default()
                    },
                }),
                false,
            )
        },
        param(
            "X-Contract-Number",
            ParameterLocation::Header,
            prim(PrimitiveKind::Int32),
            false,
        ),
    ];
    let limit = Header {
        name: "X-RateLimit-Remaining".into(),
        ty: prim(PrimitiveKind::Int32),
        required: false,
        docs: Docs::default(),
    };
    create.responses = vec![
        response(
            ResponseStatus::Code(200),
            json_body(named("Jwt")),
            vec![limit.clone()],
        ),
        response(
            ResponseStatus::Code(401),
            json_body(named("Error")),
            vec![limit],
        ),
    ];
    create.security = security(&[&["Basic Authentication"], &["Token Authentication"]]);
    let mut api = Api {
        json_mapping: apigen_ir::JsonMapping::Plain,
        title: "Auth API".into(),
        version: Some("1.0".into()),
        docs: Docs::default(),
        servers: vec!["https://api.example.com/auth/v1".into()],
        services: vec![Service {
            name: "tokens".into(),
            docs: Docs::default(),
            operations: vec![create],
            rpcs: Vec::new(),
            package: String::new(),
        }],
        types: vec![
            def(
                "Jwt",
                TypeKind::Object(ObjectType {
                    fields: vec![field("token", prim(PrimitiveKind::String), false)],
                    additional_properties: None,
                    alternatives: None,
                }),
            ),
            def(
                "Error",
                TypeKind::Object(ObjectType {
                    fields: vec![field("httpStatus", prim(PrimitiveKind::Int32), false)],
                    additional_properties: None,
                    alternatives: None,
                }),
            ),
        ],
        security_schemes: vec![
            SecurityScheme {
                id: "Basic Authentication".into(),
                kind: SecuritySchemeKind::HttpBasic,
                docs: Docs::default(),
            },
            SecurityScheme {
                id: "Token Authentication".into(),
                kind: SecuritySchemeKind::HttpBearer {
                    format: Some("JWT".into()),
                },
                docs: Docs::default(),
            },
        ],
        skipped: Vec::new(),
    };
    api.normalize();
    api
}
