//! The parts of the `lightbulb` command that read outside input, as a library
//! so that tests and fuzz targets can call them without the binary: the batch
//! file parser ([`batch::parse_text`]), file reading and the failure type.

pub mod batch;
pub mod fail;
pub mod files;
