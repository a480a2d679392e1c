//! The seed specs of the structured target: small valid OpenAPI documents that together use
//! most of what the frontend reads.

use serde_json::json;
use serde_yaml::Value;

/// The schema names of the seeds, targets of [`RefTarget::Seeded`].
pub(crate) const SEED_SCHEMAS: &[&str] = &[
    "Item", "Kind", "Pet", "Cat", "Dog", "Node", "Error", "Base", "Bag",
];

/// The n-th seed spec (modulo the number of seeds).
pub fn seed(n: u8) -> Value {
    let seeds = [seed_items, seed_pets, seed_forms];
    let json = seeds[usize::from(n) % seeds.len()]();
    serde_yaml::to_value(json).expect("a JSON value is a YAML value")
}

/// Parameters, a named object with constraints, an enum, bearer security.
fn seed_items() -> serde_json::Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Items", "version": "1.0", "description": "Seed spec."},
        "servers": [{"url": "https://api.example.com/{v}", "variables": {"v": {"default": "v1"}}}],
        "security": [{"bearer": []}],
        "tags": [{"name": "items", "description": "Items."}],
        "paths": {
            "/items/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true,
                                "schema": {"type": "integer", "format": "int64", "minimum": 1}}],
                "get": {
                    "operationId": "getItem",
                    "tags": ["items"],
                    "summary": "Gets an item.",
                    "parameters": [
                        {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/Kind"}},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string", "maxLength": 64}}
                    ],
                    "responses": {
                        "200": {"description": "The item.",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                        "404": {"description": "Not found."}
                    }
                },
                "delete": {
                    "operationId": "deleteItem",
                    "tags": ["items"],
                    "responses": {"204": {"description": "Deleted."}}
                }
            }
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Item": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "integer", "format": "int64", "minimum": 0},
                        "name": {"type": "string", "minLength": 1, "maxLength": 100},
                        "price": {"type": "number", "format": "float", "maximum": 1000},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "kind": {"$ref": "#/components/schemas/Kind"},
                        "created": {"type": "string", "format": "date-time", "nullable": true}
                    }
                },
                "Kind": {"type": "string", "enum": ["small", "LARGE", "x-large"]}
            }
        }
    })
}

/// Composition: `oneOf` with a discriminator, `allOf`, a recursive type, a map, a body.
fn seed_pets() -> serde_json::Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "Pets", "version": "2"},
        "paths": {
            "/pets": {
                "post": {
                    "operationId": "add_pet",
                    "requestBody": {"required": true,
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                    "responses": {
                        "201": {"description": "Added.",
                                "headers": {"Location": {"schema": {"type": "string"}}},
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                        "4XX": {"description": "Bad.",
                                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                        "default": {"description": "Error.",
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                    }
                }
            },
            "/nodes": {
                "get": {
                    "operationId": "list-nodes",
                    "parameters": [{"name": "depth", "in": "query", "schema": {"type": "integer", "format": "int32"}},
                                   {"name": "filter", "in": "query",
                                    "schema": {"type": "object", "additionalProperties": {"type": "string"}}}],
                    "responses": {"200": {"description": "Nodes.",
                                          "content": {"application/json": {"schema": {"type": "array",
                                                      "items": {"$ref": "#/components/schemas/Node"}}}}}}
                }
            }
        },
        "components": {
            "schemas": {
                "Base": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                "Cat": {"allOf": [{"$ref": "#/components/schemas/Base"},
                                  {"type": "object", "properties": {"lives": {"type": "integer"}, "petType": {"type": "string"}}}]},
                "Dog": {"allOf": [{"$ref": "#/components/schemas/Base"},
                                  {"type": "object", "properties": {"bark": {"type": "boolean"}, "petType": {"type": "string"}}}]},
                "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                        "discriminator": {"propertyName": "petType",
                                          "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}},
                "Node": {"type": "object", "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "parent": {"$ref": "#/components/schemas/Node"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "anything": {}}},
                "Error": {"type": "object", "properties": {
                    "code": {"type": "integer"}, "message": {"type": "string"}}}
            }
        }
    })
}

/// Other bodies and locations: forms, bytes, cookies, API keys, `anyOf`, inline enums.
fn seed_forms() -> serde_json::Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Forms", "version": "0.1.0"},
        "security": [{"key": []}, {"basic": []}],
        "paths": {
            "/login": {
                "post": {
                    "operationId": "login",
                    "security": [],
                    "parameters": [{"name": "session", "in": "cookie", "schema": {"type": "string"}},
                                   {"name": "ids", "in": "query", "style": "form", "explode": false,
                                    "schema": {"type": "array", "items": {"type": "string", "format": "uuid"}}}],
                    "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
                        "type": "object", "required": ["user"],
                        "properties": {"user": {"type": "string"}, "mode": {"type": "string", "enum": ["a", "b"]}}}}}},
                    "responses": {"200": {"description": "OK.",
                                          "content": {"text/plain": {"schema": {"type": "string"}}}}}
                }
            },
            "/files/{name}": {
                "put": {
                    "operationId": "upload",
                    "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                    "responses": {"200": {"description": "Stored.",
                                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bag"}}}}}
                }
            }
        },
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                                "basic": {"type": "http", "scheme": "basic"}},
            "schemas": {
                "Bag": {"type": "object", "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "properties": {"size": {"type": "integer", "format": "int64", "exclusiveMinimum": true, "minimum": 0}}}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_accepted() {
        for n in 0..3 {
            let text = crate::structured::render(&seed(n), n % 2 == 0);
            if let Err(e) = apigen_openapi::parse("seed.yaml", &text) {
                panic!("seed {n}: {e}\n{text}");
            }
            let outcome = crate::harness::check_openapi(&text);
            assert_eq!(outcome, crate::harness::Outcome::Generated, "{text}");
        }
    }
}
