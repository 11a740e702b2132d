pub mod pty;
pub mod run;
pub mod screen;
