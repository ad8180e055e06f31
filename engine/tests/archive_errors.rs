//! Issue 9, F15: an archive that fails its check says what is wrong in every build (rancor's
//! `Error` says "failed without error information" without `debug_assertions`), and the error
//! keeps its kind. Run it in release too: `cargo test --release -p slotwire --test archive_errors`.

use slotwire::record::access;
use slotwire::ErrorKind;

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct Note {
    text: String,
    n: u32,
}

fn note() -> rkyv::util::AlignedVec {
    rkyv::to_bytes::<rkyv::rancor::Error>(&Note {
        text: "a note long enough to be out of line".into(),
        n: 7,
    })
    .unwrap()
}

#[test]
fn rejected_archives_say_which_check_failed_in_every_build() {
    let bytes = note();
    assert_eq!(access::<Note>(&bytes).unwrap().n, 7);

    // Too short for the root.
    let e = access::<Note>(&bytes[..3]).err().expect("3 bytes accepted");
    assert_eq!(e.kind(), ErrorKind::Type);
    assert!(e.message().contains("3 bytes are too few"), "{e}");

    // The string's relative offset points past the end (the root's first field).
    let mut bad = bytes.clone();
    let n = bad.len();
    let root = n - core::mem::size_of::<ArchivedNote>();
    bad[root + 4..root + 8].copy_from_slice(&100_000i32.to_le_bytes());
    let e = access::<Note>(&bad)
        .err()
        .expect("an out-of-bounds pointer accepted");
    assert_eq!(e.kind(), ErrorKind::Type);
    assert!(
        e.message().starts_with("archive of Note: invalid bytes: "),
        "{e}"
    );
    assert!(!e.message().contains("without error information"), "{e}");
    assert!(
        e.message().contains("range") || e.message().contains("bounds"),
        "{e}"
    );

    // A misaligned root.
    let mut shifted = rkyv::util::AlignedVec::<16>::new();
    shifted.extend_from_slice(&[0]);
    shifted.extend_from_slice(&bytes);
    let e = access::<Note>(&shifted[1..])
        .err()
        .expect("a misaligned archive accepted");
    assert!(e.message().contains("not aligned to 4 bytes"), "{e}");
}
