//! Files recap reads and writes: bounded reads of files people give it (`read`).

pub mod read;
