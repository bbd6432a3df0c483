//! dun: a terminal workbench for collections work.

pub mod domain;
