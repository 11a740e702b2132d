//! Bounded reads of small text files that people write or share
//! (questionnaires, `config.toml`): only regular files, never more than a
//! limit. A FIFO or a device is refused without waiting on it, and a huge
//! file is refused before it is read.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The most recap reads from a questionnaire file or `config.toml`.
pub const TEXT_FILE_LIMIT: u64 = 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// There is no file at that path.
    Missing,
    /// Something other than a regular file (`kind` says what).
    NotRegular { kind: &'static str },
    /// Larger than `limit` bytes.
    TooLarge { limit: u64 },
    /// The system refused (permissions, I/O error, ...).
    Io(std::io::Error),
}

/// `1 MB` for 1048576; bytes otherwise.
pub fn describe_limit(limit: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if limit >= MB && limit.is_multiple_of(MB) {
        format!("{} MB", limit / MB)
    } else {
        format!("{limit} bytes")
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "cannot read the file: it does not exist"),
            ReadError::NotRegular { kind } => write!(
                f,
                "cannot read the file: it is {kind}, not a regular file; recap reads only regular files here"
            ),
            ReadError::TooLarge { limit } => write!(
                f,
                "cannot read the file: it is larger than {}, the most recap reads from a questionnaire or configuration file",
                describe_limit(*limit)
            ),
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

#[cfg(unix)]
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

fn regular(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular {
            kind: kind_of(metadata.file_type()),
        })
    }
}

/// Reads a regular file (following symlinks) of at most `limit` bytes.
///
/// The file is checked before it is opened, opened without blocking (a FIFO
/// swapped in meanwhile cannot hold the open) and checked again on the open
/// handle, then read up to one byte past the limit.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_bounded_with_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// `read_bounded`, also giving the metadata of the handle that was read
/// (its size and modification time key the questionnaire cache).
pub fn read_bounded_with_metadata(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::Missing
        } else {
            ReadError::Io(e)
        }
    };
    let before = std::fs::metadata(path).map_err(io)?;
    regular(&before)?;
    if before.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open_nonblocking(path).map_err(io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    regular(&metadata)?;
    let expected = usize::try_from(metadata.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok((bytes, metadata))
}

/// Opens for reading without waiting on a FIFO's writer or a terminal.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )?;
    Ok(std::fs::File::from(fd))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "id = \"a\"\n").unwrap();
        assert_eq!(read_bounded(&path, 100).unwrap(), b"id = \"a\"\n");
    }

    #[test]
    fn refuses_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'#'; 101]).unwrap();
        assert!(matches!(
            read_bounded(&path, 100),
            Err(ReadError::TooLarge { limit: 100 })
        ));
        assert!(read_bounded(&path, 101).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_folders_and_devices_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bounded(dir.path(), 100),
            Err(ReadError::NotRegular { kind: "a folder" })
        ));
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular { kind: "a device" })
        ));
        assert!(matches!(
            read_bounded(&dir.path().join("none"), 100),
            Err(ReadError::Missing)
        ));
    }

    #[test]
    fn limit_is_described_in_megabytes() {
        assert_eq!(describe_limit(TEXT_FILE_LIMIT), "1 MB");
        assert_eq!(describe_limit(100), "100 bytes");
    }
}
