//! The one place that creates files holding health data: exclusive,
//! never through a symlink, readable only by their owner from the first
//! byte, written under a temporary name and moved into place when complete;
//! the checks that keep every output off recap's own database; and bounded
//! reads of files people give it (`read`); a write stopped by a signal
//! removes its temporary file (`interrupt`).

mod create;
mod error;
mod guard;
pub mod interrupt;
mod output;
mod perms;
pub mod read;
mod stale;

pub use create::{TempFile, create_private, restrict_umask, temp_path};
pub use error::{FilesError, FilesResult, STOPPED};
pub use guard::{Destination, SIDECARS, destination, refuse_database, sidecar};
pub use output::{PrivateOutput, open_stream};
pub use perms::{Tightened, tighten};
pub use stale::{NEW_TAG, TMP_TAG, clean_stale};
