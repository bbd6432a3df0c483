//! dun: a terminal workbench for collections work.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod dossier;
pub mod export;
pub mod fault;
pub mod import;
pub mod letters;
pub mod paths;
pub mod rates;
pub mod record;
pub mod report;
pub mod small_file;
pub mod store;
pub mod team;
pub mod tui;
pub mod write_file;
