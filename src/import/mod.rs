pub mod dates;
pub mod decode;
pub mod sniff;
