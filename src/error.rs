//! The error type at the top of recap, and how each kind maps to an exit code:
//! 0 ok, 1 runtime failure, 2 bad input (arguments, files, data).

use crate::instrument::LoadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the person: arguments, files, data. Exit code 2.
    #[error("{0}")]
    Input(String),
    /// Questionnaire files with problems. Exit code 2.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Questionnaire(Vec<LoadError>),
    /// Something failed while doing the work. Exit code 1.
    #[error("{0}")]
    Runtime(String),
    /// A write could not be made now (another recap is writing, the disk is
    /// full); nothing was changed and it can be tried again. Exit code 1.
    #[error("{}", crate::strings::temporary_failure(*.0))]
    Temporary(crate::store::error::Temporary),
    /// The reader of standard output went away (`recap ... | head`): stop quietly.
    #[error("standard output was closed")]
    ClosedOutput,
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Questionnaire(_) => 2,
            Error::Runtime(_) | Error::Temporary(_) => 1,
            Error::ClosedOutput => 0,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::ClosedOutput
        } else {
            Error::Runtime(e.to_string())
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
