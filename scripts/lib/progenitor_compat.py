#!/usr/bin/env python3
"""Writes SPEC as cargo-progenitor 0.15.1 accepts it, for benchmarks that compare both
generators on the same input (issue 16). Three mechanical edits, each printed with its count:

- a request body declared only as `*/*` is declared as `application/json` (progenitor fails
  with "unexpected content type: */*");
- a response offering several media types, `application/json` among them, keeps only that one
  (progenitor asserts one response type per operation);
- a `default` response becomes the same response under `4XX` and `5XX` (progenitor counts
  `default` as a success type, so an operation with a typed 2xx and a typed `default` fails
  the same assertion).

Usage: progenitor_compat.py SPEC OUT (YAML or JSON in, YAML out). Needs PyYAML.
"""

import sys

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def main(src, out):
    with open(src, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    counts = {"*/* request bodies": 0, "multi-media responses": 0, "default responses": 0}
    for item in (spec.get("paths") or {}).values():
        for method in METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            content = (op.get("requestBody") or {}).get("content") or {}
            if list(content) == ["*/*"]:
                op["requestBody"]["content"] = {"application/json": content["*/*"]}
                counts["*/* request bodies"] += 1
            responses = op.get("responses") or {}
            for response in responses.values():
                media = response.get("content") if isinstance(response, dict) else None
                if media and len(media) > 1 and "application/json" in media:
                    response["content"] = {"application/json": media["application/json"]}
                    counts["multi-media responses"] += 1
            if "default" in responses:
                default = responses.pop("default")
                responses.setdefault("4XX", default)
                responses.setdefault("5XX", default)
                counts["default responses"] += 1
    with open(out, "w", encoding="utf-8") as f:
        # No anchors: both generators read the same plain YAML.
        yaml.dump(spec, f, Dumper=NoAliases, sort_keys=False, allow_unicode=True)
    edits = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    print(f"progenitor-compatible copy of {src}: {edits or 'no edits needed'}")


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
