//! `apigen-diff` on real specs lowered by the frontends, and `cargo xtask diff`: one small spec
//! pair per rule (OpenAPI and proto, under tests/fixtures/diff), the IONOS Auth API's previous
//! published version against ours, git revisions, and bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

use apigen_ir::Api;
use xtask::diff::{compare, parse_args, render, Format};

#[path = "diff/pairs.rs"]
mod pairs;
#[path = "diff/tempdir.rs"]
mod tempdir;

use pairs::PAIRS;

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/diff")
}

/// A proto root holding the fixture file as `fixture/v1/tokens.proto`, with google/api.
fn proto_root(file: &Path) -> tempdir::Dir {
    let dir = tempdir::Dir::new();
    let api = dir.path().join("google/api");
    std::fs::create_dir_all(&api).unwrap();
    for f in ["annotations.proto", "http.proto"] {
        std::fs::copy(
            root().join("spec/cloudforet/google/api").join(f),
            api.join(f),
        )
        .unwrap();
    }
    std::fs::create_dir_all(dir.path().join("fixture/v1")).unwrap();
    std::fs::copy(file, dir.path().join("fixture/v1/tokens.proto")).unwrap();
    dir
}

fn lower_side(dir: &Path, side: &str) -> Api {
    let yaml = dir.join(format!("{side}.yaml"));
    if yaml.exists() {
        return apigen_openapi::load(&yaml).unwrap_or_else(|e| panic!("{e}"));
    }
    let root = proto_root(&dir.join(format!("{side}.proto")));
    apigen_proto::load_files(root.path(), &[PathBuf::from("fixture/v1/tokens.proto")])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `kind client server wire` of every change, for compact expectations.
fn summary(report: &apigen_diff::Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| {
            let kind = serde_json::to_value(c.kind).unwrap();
            let wire = c.wire.map_or("n/a", |w| w.as_str());
            format!(
                "{} {} {} {wire}",
                kind.as_str().unwrap(),
                c.client.as_str(),
                c.server.as_str()
            )
        })
        .collect()
}

#[test]
fn every_rule_fixture_gives_its_changes() {
    let mut listed: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut expected: Vec<String> = PAIRS.iter().map(|(n, _, _)| n.to_string()).collect();
    expected.sort();
    assert_eq!(
        listed, expected,
        "every fixture has an expectation and the other way round"
    );
    let mut wrong = Vec::new();
    for (name, bump, changes) in PAIRS {
        let dir = fixtures().join(name);
        let report = fixture_report(&dir, false);
        if std::env::var_os("DIFF_FIXTURES_PRINT").is_some() {
            eprintln!(
                "{name} {}: {:#?}",
                report.semver_bump().as_str(),
                summary(&report)
            );
        }
        if summary(&report) != *changes {
            wrong.push(name);
            continue;
        }
        assert_eq!(
            summary(&report),
            *changes,
            "{name}:\n{}",
            report.to_markdown()
        );
        assert_eq!(report.semver_bump().as_str(), *bump, "{name}");
        // And back: the reverse is never silent (but reserving a number or name, the reverse
        // of un-reserving it, is no change of any encoding).
        let back = fixture_report(&dir, true);
        assert!(
            back.is_empty() == (*name == "proto-reserved-removed"),
            "{name} reversed"
        );
    }
    assert!(
        wrong.is_empty(),
        "fixtures with other changes than expected: {wrong:?} (DIFF_FIXTURES_PRINT=1 shows them)"
    );
}

/// The report of `cargo xtask diff` on a fixture pair (tolerant readings), or of the pair
/// the other way round.
fn fixture_report(dir: &Path, reverse: bool) -> apigen_diff::Report {
    let (a, b) = if reverse {
        ("new", "old")
    } else {
        ("old", "new")
    };
    let yaml = |side: &str| dir.join(format!("{side}.yaml"));
    if yaml(a).exists() {
        let comparisons = compare(&root(), &args(&[&path(&yaml(a)), &path(&yaml(b))]))
            .unwrap_or_else(|e| panic!("{}: {e:#}", dir.display()));
        return comparisons[0].report.clone();
    }
    let (ra, rb) = (
        proto_root(&dir.join(format!("{a}.proto"))),
        proto_root(&dir.join(format!("{b}.proto"))),
    );
    let comparisons = compare(&root(), &args(&[&path(ra.path()), &path(rb.path())]))
        .unwrap_or_else(|e| panic!("{}: {e:#}", dir.display()));
    comparisons[0].report.clone()
}

#[test]
fn ionos_auth_1_0_6_to_v1() {
    let old_path = root().join("../shared/corpus/openapi/ionos-auth-1.0.6.yaml");
    if !old_path.exists() {
        eprintln!(
            "skipped: {} is absent (../shared is not beside the checkout)",
            old_path.display()
        );
        return;
    }
    let new_path = root().join("spec/ionos/auth-v1.yaml");
    let comparisons =
        compare(&root(), &args(&[&path(&old_path), &path(&new_path)])).expect("compares");
    let mut report = comparisons[0].report.clone();
    report.old_label = "ionos-auth-1.0.6.yaml".into();
    report.new_label = "spec/ionos/auth-v1.yaml".into();
    insta::assert_snapshot!("ionos_auth_1_0_6_to_v1", report.to_markdown());
}

fn args(list: &[&str]) -> xtask::diff::Args {
    let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    parse_args(&root(), &list).expect("args parse")
}

/// A path as a command-line argument.
fn path(p: &Path) -> String {
    p.display().to_string()
}

/// A path below the workspace root as a command-line argument.
fn at(rel: &str) -> String {
    path(&root().join(rel))
}

fn error_of(list: &[&str]) -> String {
    format!("{:#}", compare(&root(), &args(list)).expect_err("fails"))
}

#[test]
fn command_renders_markdown_and_json() {
    let dir = fixtures().join("operation-renamed");
    let (old, new) = (dir.join("old.yaml"), dir.join("new.yaml"));
    let a = args(&[
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(a.format, Format::Json);
    let comparisons = compare(&root(), &a).expect("compares");
    let json: serde_json::Value =
        serde_json::from_str(&render(&comparisons, Format::Json)).unwrap();
    assert_eq!(json[0]["semver_bump"], "major");
    assert_eq!(json[0]["changes"][0]["kind"], "operation_renamed");
    let md = render(&comparisons, Format::Markdown);
    assert!(
        md.contains("operation `getToken` renamed to `GetTokenById`"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "### API changes: {} → {}",
            old.display(),
            new.display()
        )),
        "{md}"
    );
}

#[test]
fn different_apis_are_one_clear_error() {
    let err = error_of(&[&at("spec/ionos/auth-v1.yaml"), &at("spec/cloudforet")]);
    assert!(err.contains("describe different APIs"), "{err}");
    assert!(err.contains("`Auth API`"), "{err}");
}

#[test]
fn a_spec_that_fails_to_parse_names_its_side() {
    let dir = tempdir::Dir::new();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "openapi: 3.0.3\ninfo: [\n").unwrap();
    let ionos = at("spec/ionos/auth-v1.yaml");
    let err = error_of(&[&ionos, bad.to_str().unwrap()]);
    assert!(err.starts_with("NEW ("), "{err}");
    assert!(err.contains("bad.yaml"), "{err}");
    let err = error_of(&[bad.to_str().unwrap(), &ionos]);
    assert!(err.starts_with("OLD ("), "{err}");
    let missing = at("spec/missing.yaml");
    let err = error_of(&[&missing, &ionos]);
    assert!(
        err.starts_with(&format!("OLD ({missing})")) && err.contains("no such file"),
        "{err}"
    );
    let proto = at("spec/cloudforet/spaceone/api/identity/v2/token.proto");
    let err = error_of(&[&proto, &proto]);
    assert!(err.contains("proto root directory"), "{err}");
}

#[test]
fn bad_arguments_are_errors() {
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(parse_args(&root(), &list(&[])).is_err());
    assert!(parse_args(&root(), &list(&["a.yaml"])).is_err());
    assert!(parse_args(&root(), &list(&["a", "b", "c"])).is_err());
    assert!(parse_args(&root(), &list(&["a", "b", "--format", "xml"])).is_err());
    assert!(parse_args(&root(), &list(&["a", "b", "--fail-on"])).is_err());
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=apigen",
            "-c",
            "user.email=apigen@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn git_revisions_are_read_from_the_repository() {
    let repo = tempdir::Dir::new();
    if !git(repo.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    let fixture = fixtures().join("parameter-added");
    let spec = repo.path().join("api.yaml");
    std::fs::copy(fixture.join("old.yaml"), &spec).unwrap();
    assert!(git(repo.path(), &["add", "api.yaml"]));
    assert!(git(repo.path(), &["commit", "-q", "-m", "old"]));
    std::fs::copy(fixture.join("new.yaml"), &spec).unwrap();

    let list: Vec<String> = vec!["git:HEAD".into(), spec.display().to_string()];
    let a = parse_args(repo.path(), &list).unwrap();
    let report = &compare(repo.path(), &a).expect("compares")[0].report;
    assert_eq!(
        summary(report),
        ["parameter_added compatible breaking compatible"]
    );
    assert!(
        report.old_label.ends_with("api.yaml at HEAD"),
        "{}",
        report.old_label
    );

    let list: Vec<String> = vec!["git:no-such-rev".into(), spec.display().to_string()];
    let a = parse_args(repo.path(), &list).unwrap();
    let err = format!("{:#}", compare(repo.path(), &a).unwrap_err());
    assert!(
        err.starts_with("OLD (git:no-such-rev)") && err.contains("not a commit"),
        "{err}"
    );
}

/// Versions of the generated crates: one bump per spec change, however often codegen runs.
#[test]
fn codegen_bumps_the_version_once_per_spec_change() {
    let repo = tempdir::Dir::new();
    if !git(repo.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    let root = repo.path();
    let fixture = fixtures().join("parameter-added");
    std::fs::write(
        root.join("codegen.toml"),
        "[[api]]\nname = \"fixture\"\nkind = \"openapi\"\nsource = \"api.yaml\"\n\
         models = \"fixture-models\"\nclient = \"fixture-client\"\nserver = \"fixture-server\"\n\
         out_dir = \"generated\"\n",
    )
    .unwrap();
    std::fs::copy(fixture.join("old.yaml"), root.join("api.yaml")).unwrap();
    let config = root.join("codegen.toml");
    let run = |check| xtask::codegen::run(root, &config, check);
    let manifest =
        || std::fs::read_to_string(root.join("generated/fixture-client/Cargo.toml")).unwrap();
    let changelog =
        || std::fs::read_to_string(root.join("generated/fixture-server/CHANGELOG.md")).unwrap();

    run(false).expect("first codegen");
    assert!(manifest().contains("version = \"0.1.0\""), "{}", manifest());
    assert!(changelog().contains("## 0.1.0"), "{}", changelog());
    assert!(git(root, &["add", "-A"]) && git(root, &["commit", "-q", "-m", "v0.1.0"]));
    run(true).expect("committed tree is up to date");

    // A breaking change (a new parameter is a new field of the server's request struct).
    std::fs::copy(fixture.join("new.yaml"), root.join("api.yaml")).unwrap();
    assert!(run(true).is_err(), "check mode sees the stale version");
    run(false).expect("codegen after the change");
    run(false).expect("codegen again");
    assert!(manifest().contains("version = \"0.2.0\""), "{}", manifest());
    let log = changelog();
    assert_eq!(log.matches("## 0.2.0").count(), 1, "{log}");
    assert!(
        log.contains("optional query parameter `fields` added to `getToken`"),
        "{log}"
    );
    assert!(log.find("## 0.2.0") < log.find("## 0.1.0"), "{log}");
    let lock = std::fs::read_to_string(root.join("codegen.lock")).unwrap();
    assert!(lock.contains("version = \"0.2.0\""), "{lock}");
    run(true).expect("up to date after codegen");

    // Committed, the new version is the baseline: nothing changes any more.
    assert!(git(root, &["add", "-A"]) && git(root, &["commit", "-q", "-m", "v0.2.0"]));
    run(false).expect("codegen on the committed tree");
    assert!(manifest().contains("version = \"0.2.0\""));
    assert_eq!(changelog(), log);
}

/// Our semver bump against cargo-semver-checks on the crates generated from every fixture
/// pair: whenever it needs a major version, so do we. Slow (rustdoc of every generated crate),
/// so ignored by default: `cargo test -p apigen-tests --test diff -- --ignored`.
#[test]
#[ignore = "runs cargo-semver-checks on generated crates (minutes); skips when it is not installed"]
fn semver_bump_agrees_with_cargo_semver_checks() {
    if !xtask::semver_checks::available() {
        eprintln!("skipped: cargo-semver-checks is not installed");
        return;
    }
    let mut disagreements = Vec::new();
    for (name, _, _) in PAIRS {
        let dir = fixtures().join(name);
        let verdict = xtask::semver_checks::check(
            &root(),
            &lower_side(&dir, "old"),
            &lower_side(&dir, "new"),
        )
        .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        let theirs: Vec<String> = verdict
            .theirs
            .iter()
            .map(|(k, major)| format!("{k}: {}", if *major { "major" } else { "-" }))
            .collect();
        println!(
            "{name:<32} ours: {:<6} theirs: {}",
            verdict.ours.as_str(),
            theirs.join(", ")
        );
        if !verdict.agrees() {
            disagreements.push(*name);
        }
    }
    assert!(
        disagreements.is_empty(),
        "cargo-semver-checks needs major where we do not: {disagreements:?}"
    );
}
