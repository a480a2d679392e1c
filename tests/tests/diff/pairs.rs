//! The expected changes of every rule fixture pair under tests/fixtures/diff.

/// One pair per rule: the changes found, with their impacts, and the semver bump.
pub const PAIRS: &[(&str, &str, &[&str])] = &[
    (
        "auth-added",
        "major",
        &["auth_added breaking breaking breaking"],
    ),
    (
        "docs-only",
        "patch",
        &["docs_changed none none n/a", "docs_changed none none n/a"],
    ),
    (
        "operation-added",
        "major",
        &["operation_added compatible breaking compatible"],
    ),
    (
        "operation-removed",
        "major",
        &["operation_removed breaking breaking breaking"],
    ),
    (
        "operation-renamed",
        "major",
        &["operation_renamed breaking breaking n/a"],
    ),
    (
        "parameter-added",
        "major",
        &["parameter_added compatible breaking compatible"],
    ),
    (
        "parameter-became-required",
        "major",
        &["parameter_became_required breaking breaking breaking"],
    ),
    (
        "parameter-narrowed-to-enum",
        "major",
        &[
            "parameter_type_changed breaking breaking breaking",
            "type_added compatible compatible n/a",
        ],
    ),
    (
        "path-changed",
        "major",
        &["operation_moved breaking compatible breaking"],
    ),
    (
        "request-enum-value-removed",
        "major",
        &["enum_value_removed breaking breaking breaking"],
    ),
    (
        "request-field-became-required",
        "major",
        &["field_became_required breaking breaking breaking"],
    ),
    (
        "response-enum-value-added",
        "major",
        &["enum_value_added breaking compatible breaking"],
    ),
    (
        "response-field-added",
        "major",
        &["field_added compatible breaking compatible"],
    ),
    (
        "response-field-type-changed",
        "major",
        &["field_type_changed breaking breaking breaking"],
    ),
    (
        "schema-renamed",
        "major",
        &["type_renamed breaking breaking n/a"],
    ),
    (
        "proto-enum-value-added",
        "major",
        &["enum_value_added breaking compatible compatible"],
    ),
    (
        "proto-field-renamed",
        "major",
        &["field_renamed breaking breaking breaking"],
    ),
    (
        "proto-field-renumbered",
        "patch",
        &["field_number_changed none none breaking"],
    ),
    (
        "proto-field-type-changed",
        "major",
        &["field_type_changed breaking breaking breaking"],
    ),
    (
        "proto-number-reused",
        "major",
        &[
            "field_removed breaking breaking breaking",
            "field_added compatible breaking compatible",
            "field_number_reused none none breaking",
        ],
    ),
    (
        "proto-rpc-added",
        "major",
        &["operation_added compatible breaking compatible"],
    ),
    (
        "parameter-style-changed",
        "minor",
        &["parameter_style_changed compatible compatible breaking"],
    ),
    (
        "proto-edition-2023",
        "minor",
        &[
            "title_changed none none n/a",
            "unknown compatible compatible compatible",
        ],
    ),
    (
        "proto-enum-value-deleted",
        "major",
        &["enum_value_removed breaking breaking breaking"],
    ),
    (
        "proto-enum-value-deleted-reserved",
        "major",
        &["enum_value_removed breaking breaking compatible"],
    ),
    (
        "proto-field-deleted",
        "major",
        &["field_removed breaking breaking breaking"],
    ),
    (
        "proto-field-deleted-reserved",
        "major",
        &["field_removed breaking breaking compatible"],
    ),
    (
        "proto-json-name-changed",
        "patch",
        &["field_json_name_changed none none breaking"],
    ),
    (
        "proto-message-only",
        "major",
        &["field_removed breaking breaking breaking"],
    ),
    (
        "proto-presence-changed",
        "major",
        &[
            "field_became_optional breaking breaking compatible",
            "field_presence_changed breaking breaking breaking",
        ],
    ),
    (
        "proto-reserved-removed",
        "patch",
        &["reserved_removed none none breaking"],
    ),
    (
        "proto-rpc-removed",
        "major",
        &["operation_removed breaking breaking compatible"],
    ),
    (
        "proto-scalar-type-changed",
        "patch",
        &["field_proto_type_changed none none breaking"],
    ),
    (
        "request-body-removed",
        "major",
        &["request_body_removed breaking breaking breaking"],
    ),
    (
        "request-max-items-lowered",
        "major",
        &["field_constraints_changed breaking compatible breaking"],
    ),
    (
        "request-maximum-lowered",
        "major",
        &["field_constraints_changed breaking compatible breaking"],
    ),
    (
        "request-media-type-added",
        "minor",
        &["request_media_type_added compatible compatible compatible"],
    ),
    (
        "request-media-type-removed",
        "minor",
        &["request_media_type_removed compatible compatible breaking"],
    ),
    (
        "request-min-items-raised",
        "major",
        &["field_constraints_changed breaking compatible breaking"],
    ),
    (
        "request-multiple-of-changed",
        "major",
        &["field_constraints_changed breaking compatible breaking"],
    ),
    (
        "request-pattern-removed",
        "minor",
        &["field_constraints_changed compatible compatible compatible"],
    ),
    (
        "request-pattern-widened",
        "minor",
        &["field_constraints_changed compatible compatible compatible"],
    ),
    (
        "response-max-length-lowered",
        "minor",
        &["field_constraints_changed compatible compatible compatible"],
    ),
    (
        "response-maximum-raised",
        "minor",
        &["field_constraints_changed compatible compatible breaking"],
    ),
    (
        "response-media-type-added",
        "minor",
        &["response_media_type_added compatible compatible compatible"],
    ),
    (
        "response-media-type-removed",
        "minor",
        &["response_media_type_removed compatible compatible breaking"],
    ),
    (
        "tolerant-content-parameter",
        "major",
        &["parameter_type_changed breaking breaking breaking"],
    ),
    (
        "tolerant-deep-object",
        "minor",
        &["parameter_style_changed compatible compatible breaking"],
    ),
    (
        "tolerant-digest-auth",
        "minor",
        &["unknown compatible compatible compatible"],
    ),
    (
        "tolerant-partial-document",
        "major",
        &[
            "operation_added compatible breaking compatible",
            "operation_added compatible breaking compatible",
        ],
    ),
    (
        "response-field-became-write-only",
        "minor",
        &["field_access_changed compatible compatible breaking"],
    ),
    (
        "operation-sunset-changed",
        "minor",
        &["deprecation_changed compatible none n/a"],
    ),
];
