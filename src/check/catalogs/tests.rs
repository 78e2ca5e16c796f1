use super::*;

/// The fictional example catalog's text.
const EXAMPLE: &str = include_str!("../../../examples/fictional-river-accord/catalog.yaml");

fn catalogs(max_file_bytes: u64) -> Catalogs {
    let limits = Limits {
        max_file_bytes,
        ..Limits::default()
    };
    Catalogs::new(Catalog::builtin().unwrap(), limits).unwrap()
}

fn named(value: &str) -> Spanned<String> {
    Spanned {
        value: value.to_string(),
        span: Span::default(),
    }
}

/// A scratch git work tree (a `.git` folder is all `work_tree_of` asks for), outside
/// the current directory, with `tracker/` and the example catalog in `catalogs/`.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("repo");
    for sub in [".git", "tracker", "catalogs"] {
        std::fs::create_dir_all(top.join(sub)).unwrap();
    }
    std::fs::write(top.join("catalogs/river.yaml"), EXAMPLE).unwrap();
    (dir, top)
}

/// The finding's message, or a panic when the catalog resolved.
fn refused(result: Result<Arc<Compiled>, Finding>) -> Finding {
    match result {
        Ok(c) => panic!("resolved to `{}`", c.catalog.id),
        Err(f) => {
            assert_eq!(f.rule, CATALOG_UNRESOLVED.id);
            f
        }
    }
}

#[test]
fn no_catalog_key_and_the_builtin_id_are_the_default_without_a_read() {
    let c = catalogs(1 << 20);
    let default = c.resolve(Path::new("tracker"), None).unwrap();
    assert!(Arc::ptr_eq(&default, c.default_catalog()));
    let named = c
        .resolve(Path::new("tracker"), Some(&named(catalog::BUILTIN_ID)))
        .unwrap();
    assert!(Arc::ptr_eq(&named, c.default_catalog()));
    assert_eq!(c.reads(), 0);
}

#[test]
fn an_unknown_builtin_id_suggests_and_lists_the_builtins() {
    let c = catalogs(1 << 20);
    let f = refused(c.resolve(Path::new("."), Some(&named("mali-jnim-dialog"))));
    assert!(
        f.message.contains("did you mean `mali-jnim-dialogue`?"),
        "{}",
        f.message
    );
    assert!(f.help.contains("built-in catalogs: mali-jnim-dialogue"));
}

#[test]
fn a_shared_catalog_is_read_and_compiled_once_across_threads() {
    let (_dir, top) = repo();
    std::fs::create_dir_all(top.join("tracker/deeper")).unwrap();
    let c = catalogs(1 << 20);
    let results: Vec<Arc<Compiled>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|i| {
                let (c, top) = (&c, &top);
                scope.spawn(move || {
                    // Two spellings of one file: the key is the resolved path.
                    let (dir, value) = if i % 2 == 0 {
                        (top.join("tracker"), "../catalogs/river.yaml")
                    } else {
                        (top.join("tracker/deeper"), "../../catalogs/./river.yaml")
                    };
                    c.resolve(&dir, Some(&named(value))).unwrap()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(c.reads(), 1);
    assert_eq!(results[0].catalog.id, "fictional-river-accord");
    assert!(results.iter().all(|r| Arc::ptr_eq(r, &results[0])));
}

#[test]
fn paths_leading_out_are_refused_unread() {
    let (dir, top) = repo();
    let tracker = top.join("tracker");
    let outside = dir.path().join("outside.yaml");
    std::fs::write(&outside, EXAMPLE).unwrap();
    std::os::unix::fs::symlink(&outside, top.join("catalogs/link-out.yaml")).unwrap();
    let c = catalogs(1 << 20);
    for value in [
        // `..` out of the work tree.
        "../../outside.yaml",
        // A link inside leading out.
        "../catalogs/link-out.yaml",
    ] {
        let f = refused(c.resolve(&tracker, Some(&named(value))));
        assert!(f.message.contains("lies outside"), "{value}: {}", f.message);
    }
    let absolute = outside.display().to_string();
    let f = refused(c.resolve(&tracker, Some(&named(&absolute))));
    assert!(f.message.contains("absolute path"), "{}", f.message);
    // Outside any work tree and outside the current directory: refused as well.
    let loose = tempfile::tempdir().unwrap();
    std::fs::write(loose.path().join("catalog.yaml"), EXAMPLE).unwrap();
    let f = refused(c.resolve(loose.path(), Some(&named("catalog.yaml"))));
    assert!(f.message.contains("lies outside"), "{}", f.message);
    assert_eq!(c.reads(), 0, "nothing outside was read");
}

#[test]
fn special_large_and_missing_files_are_not_read() {
    let (_dir, top) = repo();
    let tracker = top.join("tracker");
    std::fs::create_dir(top.join("catalogs/folder.yaml")).unwrap();
    let fifo = top.join("catalogs/fifo.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success(), "mkfifo");
    let c = catalogs(100);
    for (value, says) in [
        ("../catalogs/folder.yaml", "not a regular file"),
        ("../catalogs/fifo.yaml", "not a regular file"),
        ("../catalogs/river.yaml", "larger than 100 bytes"),
        ("../catalogs/missing.yaml", "does not exist"),
    ] {
        let f = refused(c.resolve(&tracker, Some(&named(value))));
        assert!(f.message.contains(says), "{value}: {}", f.message);
        assert!(f.message.contains(value), "names the value: {}", f.message);
    }
}

#[test]
fn a_file_that_is_no_catalog_is_named_never_quoted() {
    let (_dir, top) = repo();
    let tracker = top.join("tracker");
    let secret = "SECRET-TOKEN-1234";
    std::fs::write(top.join("tracker/t.yaml"), format!("id: {secret}\n")).unwrap();
    std::fs::write(top.join("catalogs/broken.yaml"), format!("a: [{secret}\n")).unwrap();
    std::fs::write(top.join("catalogs/latin1.yaml"), b"id: caf\xe9\n").unwrap();
    std::fs::write(
        top.join("catalogs/invalid.yaml"),
        format!("catalog_format: 1\nid: {secret}\n"),
    )
    .unwrap();
    let c = catalogs(1 << 20);
    for (value, says) in [
        // The tracker itself, and any other tracker.
        ("t.yaml", "is not a catalog"),
        ("../catalogs/broken.yaml", "not well-formed YAML"),
        ("../catalogs/latin1.yaml", "not UTF-8"),
        ("../catalogs/invalid.yaml", "the catalog has errors"),
    ] {
        let f = refused(c.resolve(&tracker, Some(&named(value))));
        assert!(f.message.contains(says), "{value}: {}", f.message);
        assert!(f.help.contains("run `rectrack check "), "{}", f.help);
        let all = format!("{} {} {}", f.message, f.label, f.help);
        assert!(!all.contains(secret), "{all}");
    }
    // A failed load is remembered too: each file was read once.
    let again = refused(c.resolve(&tracker, Some(&named("../catalogs/broken.yaml"))));
    assert!(again.message.contains("not well-formed YAML"));
    assert_eq!(c.reads(), 4);
}

#[test]
fn is_path_tells_files_from_ids() {
    assert!(is_path("../catalogs/lake-chad.yaml"));
    assert!(is_path("lake-chad.yml"));
    assert!(is_path("catalogs/lake-chad"));
    assert!(!is_path("mali-jnim-dialogue"));
}
