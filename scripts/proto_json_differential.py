#!/usr/bin/env python3
"""Differential test of the generated proto3 JSON models against protobuf's own JSON mapping.

For every message type the driver knows (the models generated from a proto tree, see
`cargo xtask proto-json-driver`) that also exists, with the same definition, in Cloudforet's own
Python classes (PyPI `spaceone-api`): random messages are built in Python and written with
`google.protobuf.json_format` the ways Cloudforet's servers and clients write them —
`MessageToDict(preserving_proto_field_name=True)` (defaults omitted), `MessageToJson` (lowerCamelCase
names), both again with `always_print_fields_with_no_presence=True`, and with enum numbers. Each
text is decoded and encoded again by the generated Rust models (the driver), parsed back with
`json_format.Parse` (strict: unknown fields fail) and compared with the original message
(deterministic binary encoding, so NaN and -0.0 compare as protobuf sees them).

usage: proto_json_differential.py DRIVER IR_JSON [--seed N] [--cases N] [--modules PREFIX...]
"""

import argparse
import base64
import importlib
import json
import math
import pkgutil
import random
import struct
import subprocess
import sys

from google.protobuf import json_format, symbol_database
from google.protobuf.descriptor import FieldDescriptor as FD

WELL_KNOWN = {
    "google.protobuf.Struct": {"map": "any"},
    "google.protobuf.ListValue": {"array": "any"},
    "google.protobuf.Value": "any",
    "google.protobuf.Any": "any",
    "google.protobuf.Empty": "unit",
    "google.protobuf.Timestamp": {"primitive": {"kind": "date_time"}},
    "google.protobuf.Duration": {"primitive": {"kind": "duration"}},
    "google.protobuf.FieldMask": {"primitive": {"kind": "field_mask"}},
    "google.protobuf.DoubleValue": {"primitive": {"kind": "double"}},
    "google.protobuf.FloatValue": {"primitive": {"kind": "float"}},
    "google.protobuf.Int64Value": {"primitive": {"kind": "int64_string"}},
    "google.protobuf.UInt64Value": {"primitive": {"kind": "uint64_string"}},
    "google.protobuf.Int32Value": {"primitive": {"kind": "int32"}},
    "google.protobuf.UInt32Value": {"primitive": {"kind": "uint32"}},
    "google.protobuf.BoolValue": {"primitive": {"kind": "boolean"}},
    "google.protobuf.StringValue": {"primitive": {"kind": "string"}},
    "google.protobuf.BytesValue": {"primitive": {"kind": "base64"}},
}

SCALAR = {
    FD.TYPE_INT32: "int32", FD.TYPE_SINT32: "int32", FD.TYPE_SFIXED32: "int32",
    FD.TYPE_UINT32: "uint32", FD.TYPE_FIXED32: "uint32",
    FD.TYPE_INT64: "int64_string", FD.TYPE_SINT64: "int64_string", FD.TYPE_SFIXED64: "int64_string",
    FD.TYPE_UINT64: "uint64_string", FD.TYPE_FIXED64: "uint64_string",
    FD.TYPE_FLOAT: "float", FD.TYPE_DOUBLE: "double", FD.TYPE_BOOL: "boolean",
    FD.TYPE_STRING: "string", FD.TYPE_BYTES: "base64",
}


def import_modules(prefixes):
    """Imports every `*_pb2` module below the packages; clashing ones are left out."""
    failed = 0
    for prefix in prefixes:
        try:
            package = importlib.import_module(prefix)
        except Exception:  # noqa: BLE001 - a package that does not import is reported
            failed += 1
            continue
        for info in pkgutil.walk_packages(package.__path__, prefix + "."):
            if info.name.endswith("_pb2"):
                try:
                    importlib.import_module(info.name)
                except Exception:  # noqa: BLE001
                    failed += 1
    return failed


def add_descriptors(path):
    """Adds the files of a FileDescriptorSet that the default pool does not have yet."""
    from google.protobuf import descriptor_pb2
    fds = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        fds.ParseFromString(f.read())
    pool = symbol_database.Default().pool
    for file in fds.file:
        try:
            pool.FindFileByName(file.name)
        except KeyError:
            pool.Add(file)


def message_class(name):
    from google.protobuf import message_factory
    return message_factory.GetMessageClass(symbol_database.Default().pool.FindMessageTypeByName(name))


def value_type(field):
    """A field's value type in the IR's terms (no `repeated`)."""
    if field.type == FD.TYPE_MESSAGE:
        name = field.message_type.full_name
        return WELL_KNOWN.get(name, {"named": name})
    if field.type == FD.TYPE_ENUM:
        name = field.enum_type.full_name
        return "any" if name == "google.protobuf.NullValue" else {"named": name}
    return {"primitive": {"kind": SCALAR[field.type]}}


def field_type(field):
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        return {"map": value_type(field.message_type.fields_by_name["value"])}
    if field.label == FD.LABEL_REPEATED:
        return {"array": value_type(field)}
    return value_type(field)


def strip(ty):
    """The IR type without constraints."""
    if isinstance(ty, dict):
        if "primitive" in ty:
            return {"primitive": {"kind": ty["primitive"]["kind"]}}
        return {k: strip(v) for k, v in ty.items()}
    return ty


class Pool:
    """Python message classes and the IR, and which messages agree on their definition."""

    def __init__(self, ir):
        self.ir = {t["name"]: t for t in ir}
        self.db = symbol_database.Default()
        self.verdict = {}

    def python_type(self, name):
        try:
            return self.db.pool.FindMessageTypeByName(name)
        except KeyError:
            try:
                return self.db.pool.FindEnumTypeByName(name)
            except KeyError:
                return None

    def agrees(self, name, visiting=None):
        """Whether the IR type `name` and the Python one have the same definition."""
        if name in self.verdict:
            return self.verdict[name]
        visiting = visiting or set()
        if name in visiting:
            return True
        visiting.add(name)
        ours = self.ir.get(name)
        theirs = self.python_type(name)
        ok = ours is not None and theirs is not None and self._same(ours, theirs, visiting)
        visiting.discard(name)
        if not visiting:
            self.verdict[name] = ok
        return ok

    def _same(self, ours, theirs, visiting):
        kind = ours["kind"]
        if "enum" in kind:
            mine = {(v["value"], v.get("number")) for v in kind["enum"]["values"]}
            return hasattr(theirs, "values") and not hasattr(theirs, "fields") and mine == {
                (v.name, v.number) for v in theirs.values}
        if "object" not in kind or not hasattr(theirs, "fields"):
            return False
        mine = {(f["name"], f.get("proto_number"), json.dumps(strip(f["ty"]), sort_keys=True))
                for f in kind["object"]["fields"]}
        their = {(f.name, f.number, json.dumps(field_type(f), sort_keys=True)) for f in theirs.fields}
        if mine != their:
            return False
        for f in kind["object"]["fields"]:
            for ref in refs(f["ty"]):
                if not self.agrees(ref, visiting):
                    return False
        return True


def refs(ty):
    if isinstance(ty, dict):
        if "named" in ty:
            yield ty["named"]
        for k, v in ty.items():
            if k != "named" and k != "primitive":
                yield from refs(v)


class Random:
    """Random protobuf values, reproducible from a seed."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def string(self):
        alphabet = ["a", "Z", "0", " ", "_", "-", "\"", "\\", "/", "\n", "\t", "\u0001", "é",
                    "日本", "\u2028", "😀", "\U0010FFFF", "{", "}"]
        return "".join(self.r.choice(alphabet) for _ in range(self.r.randint(0, 8)))

    def integer(self, bits, signed):
        lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        return self.r.choice([lo, hi, 0, 1, -1 if signed else 2, self.r.randint(lo, hi),
                              self.r.randint(-1000 if signed else 0, 1000)])

    def double(self):
        return self.r.choice([0.0, -0.0, 1.5, -2.25, 1e-300, 1e300, math.nan, math.inf,
                              -math.inf, self.r.uniform(-1e6, 1e6), 5e-324])

    def single(self):
        # Not the largest float: protobuf writes it as 3.4028235e+38 and then refuses that text
        # as "too large" (the Rust side reads it; see crates/runtime/src/proto_json/tests.rs).
        value = self.r.choice([0.0, -0.0, 1.5, 3.4e38, 1.401298464324817e-45,
                               math.nan, math.inf, -math.inf, self.r.uniform(-1e6, 1e6)])
        return struct.unpack("f", struct.pack("f", value))[0]

    def json_value(self, depth):
        kinds = ["null", "bool", "number", "string"] + (["list", "object"] if depth < 3 else [])
        kind = self.r.choice(kinds)
        if kind == "null":
            return None
        if kind == "bool":
            return self.chance(0.5)
        if kind == "number":
            return self.r.choice([0, 1, -7, 2.5, 1e21, 123456789.125, -0.5])
        if kind == "string":
            return self.string()
        if kind == "list":
            return [self.json_value(depth + 1) for _ in range(self.r.randint(0, 3))]
        return self.json_object(depth + 1)

    def json_object(self, depth):
        return {self.string(): self.json_value(depth) for _ in range(self.r.randint(0, 3))}

    def scalar(self, field):
        t = field.type
        if t in (FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32):
            return self.integer(32, True)
        if t in (FD.TYPE_UINT32, FD.TYPE_FIXED32):
            return self.integer(32, False)
        if t in (FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64):
            return self.integer(64, True)
        if t in (FD.TYPE_UINT64, FD.TYPE_FIXED64):
            return self.integer(64, False)
        if t == FD.TYPE_FLOAT:
            return self.single()
        if t == FD.TYPE_DOUBLE:
            return self.double()
        if t == FD.TYPE_BOOL:
            return self.chance(0.5)
        if t == FD.TYPE_STRING:
            return self.string()
        if t == FD.TYPE_BYTES:
            return bytes(self.r.randrange(256) for _ in range(self.r.randint(0, 7)))
        if t == FD.TYPE_ENUM:
            numbers = [v.number for v in field.enum_type.values]
            if field.enum_type.is_closed or not self.chance(0.1):
                return self.r.choice(numbers)
            return self.r.choice([max(numbers) + 1, 99, -3])  # an unknown value (open enum)
        raise ValueError(t)

    def well_known(self, name, msg):
        if name == "google.protobuf.Struct":
            msg.update(self.json_object(1))
        elif name == "google.protobuf.ListValue":
            msg.extend([self.json_value(1) for _ in range(self.r.randint(0, 3))])
        elif name == "google.protobuf.Value":
            json_format.ParseDict(self.json_value(1), msg)
        elif name == "google.protobuf.Timestamp":
            msg.seconds = self.r.choice([0, -62135596800, 253402300799, self.r.randint(0, 4102444800)])
            msg.nanos = self.r.choice([0, 1, 500000000, 999999999, 123000, self.r.randrange(10**9)])
        elif name == "google.protobuf.Duration":
            seconds = self.r.choice([0, 1, 315576000000, self.r.randint(0, 10**6)])
            nanos = self.r.choice([0, 1, 999999999, 5000, self.r.randrange(10**9)])
            if seconds == 315576000000:
                nanos = 0  # the largest duration protobuf allows
            sign = -1 if self.chance(0.3) else 1
            msg.seconds, msg.nanos = sign * seconds, sign * nanos
        elif name == "google.protobuf.FieldMask":
            msg.paths.extend(self.r.choice(["a", "foo_bar", "x.y_z", "abc.def"])
                             for _ in range(self.r.randint(0, 3)))
        elif name == "google.protobuf.Empty":
            msg.SetInParent()
        elif name.endswith("Value"):
            msg.value = self.scalar(msg.DESCRIPTOR.fields_by_name["value"])
        else:
            return False
        msg.SetInParent()
        return True

    def fill(self, msg, depth=0):
        desc = msg.DESCRIPTOR
        if self.well_known(desc.full_name, msg):
            return
        chosen = {o.name: self.r.choice(o.fields) for o in desc.oneofs}
        for field in desc.fields:
            oneof = field.containing_oneof
            if oneof is not None and chosen[oneof.name] is not field:
                continue
            if not self.chance(0.7 if depth < 2 else 0.3):
                continue
            self.set(msg, field, depth)

    def set(self, msg, field, depth):
        target = getattr(msg, field.name)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            value_field = field.message_type.fields_by_name["value"]
            key_field = field.message_type.fields_by_name["key"]
            for _ in range(self.r.randint(0, 3)):
                key = self.scalar(key_field)
                if value_field.type == FD.TYPE_MESSAGE:
                    self.fill(target[key], depth + 1)
                else:
                    target[key] = self.scalar(value_field)
        elif field.label == FD.LABEL_REPEATED:
            for _ in range(self.r.randint(0, 3)):
                if field.type == FD.TYPE_MESSAGE:
                    self.fill(target.add(), depth + 1)
                else:
                    target.append(self.scalar(field))
        elif field.type == FD.TYPE_MESSAGE:
            if depth < 4:
                self.fill(target, depth + 1)
                target.SetInParent()
        else:
            setattr(msg, field.name, self.scalar(field))


def parses_back(cls, text, original):
    """Whether protobuf itself reads its own JSON text back to the original message."""
    try:
        back = json_format.Parse(text, cls())
    except json_format.ParseError:
        return False
    return back.SerializeToString(deterministic=True) == original


VARIANTS = {
    "MessageToDict": lambda m: json.dumps(json_format.MessageToDict(m, preserving_proto_field_name=True)),
    "MessageToJson": lambda m: json_format.MessageToJson(m),
    "MessageToDict+defaults": lambda m: json.dumps(json_format.MessageToDict(
        m, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)),
    "MessageToJson+defaults": lambda m: json_format.MessageToJson(
        m, always_print_fields_with_no_presence=True),
    "enum numbers": lambda m: json_format.MessageToJson(m, use_integers_for_enums=True, indent=None),
}


def main():
    args = argparse.ArgumentParser()
    args.add_argument("driver")
    args.add_argument("ir")
    args.add_argument("--seed", type=int, default=20261130)
    args.add_argument("--cases", type=int, default=8)
    args.add_argument("--modules", nargs="+", default=["spaceone.api"])
    args.add_argument("--label", default="")
    args.add_argument("--descriptors", help="a FileDescriptorSet: files not in spaceone-api are "
                      "loaded from it (protobuf builds their classes)")
    opts = args.parse_args()

    failed_imports = import_modules(opts.modules)
    if opts.descriptors:
        add_descriptors(opts.descriptors)
    with open(opts.ir) as f:
        pool = Pool(json.load(f))
    messages = sorted(n for n, t in pool.ir.items() if "object" in t["kind"])
    compared = [n for n in messages if pool.agrees(n)]
    missing = [n for n in messages if pool.python_type(n) is None]
    differ = [n for n in messages if n not in compared and n not in missing]

    rnd = Random(opts.seed)
    requests, expected = [], []
    oracle_gaps = 0
    for name in compared:
        cls = message_class(name)
        for case in range(opts.cases):
            msg = cls()
            if case > 0:  # the first case of every message is the empty one: `{}`
                rnd.fill(msg)
            original = msg.SerializeToString(deterministic=True)
            for variant, write in VARIANTS.items():
                text = write(msg)
                if not parses_back(cls, text, original):
                    # protobuf's own writer and reader disagree (e.g. the shortest text of the
                    # largest float, 3.4028235e+38, is refused as "too large"): no oracle here.
                    oracle_gaps += 1
                    continue
                requests.append(json.dumps({"type": name, "json": text}))
                expected.append((name, variant, original, requests[-1]))

    run = subprocess.run([opts.driver], input="\n".join(requests) + "\n", capture_output=True,
                         text=True, check=True)
    answers = [line for line in run.stdout.split("\n") if line]
    failures = []
    for (name, variant, original, request), answer in zip(expected, answers):
        answer = json.loads(answer)
        if "err" in answer:
            failures.append((name, variant, "Rust decode failed: " + answer["err"], request, ""))
            continue
        cls = message_class(name)
        back = cls()
        try:
            json_format.Parse(answer["ok"], back)
        except json_format.ParseError as e:
            failures.append((name, variant, f"protobuf rejects Rust output: {e}", request, answer["ok"]))
            continue
        if back.SerializeToString(deterministic=True) != original:
            failures.append((name, variant, "meaning changed", request, answer["ok"]))
    if len(answers) != len(expected):
        failures.append(("driver", "", f"{len(answers)} answers to {len(expected)} requests", "", ""))

    kinds = {}
    for name, variant, why, _, _ in failures:
        kinds.setdefault((name, why[:90]), []).append(variant)
    for (name, why), variants in sorted(kinds.items()):
        print(f"  {len(variants):4} × {name}: {why}")
    for name, variant, why, request, output in failures[:6]:
        print(f"FAIL {name} [{variant}]: {why}\n  sent: {request[:600]}\n  got:  {output[:600]}")
    label = f" ({opts.label})" if opts.label else ""
    print(f"proto3 JSON differential{label}: {len(compared)} messages compared "
          f"({len(differ)} left out: their definitions differ from the Python ones; "
          f"{len(missing)} without Python classes; {failed_imports} modules did not import), "
          f"{len(compared) * opts.cases} random messages, {len(expected)} round trips, "
          f"{len(failures)} failures ({oracle_gaps} texts left out: protobuf cannot read its own "
          f"output back)")
    if differ:
        print("  definitions differ: " + ", ".join(differ[:20]) + (" …" if len(differ) > 20 else ""))
    return 1 if failures or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
