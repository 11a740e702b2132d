pub mod pty;
pub mod run;
