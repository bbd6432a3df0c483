//! dun: a terminal workbench for collections work.

pub mod domain;
pub mod store;
pub mod import;
pub mod export;
pub mod config;
pub mod paths;
