//! crossread: read a corpus of news articles in the terminal and follow each
//! actor (person, organisation, place, armed group) across every source.
//!
//! Layers, each using only those above it in this list:
//! - [`safe`]: which characters may reach a terminal (used by every layer);
//! - [`assets`]: data built into the binary;
//! - [`corpus`]: reading files into articles;
//! - [`analysis`]: tokens, sentences, entity mentions, actors;
//! - [`index`]: the analysed corpus, actor -> mentions across articles;
//! - [`store`]: what is kept on disk: the user's corrections and the
//!   corpus store of analyses;
//! - [`extract`]: the machine-readable output;
//! - [`app`]: reader state, actions and the keymap;
//! - [`config`]: the user's settings file, read into the keymap and the
//!   reader's settings;
//! - [`ui`]: drawing the state; [`tui`]: the terminal and the event loop.

pub mod analysis;
pub mod app;
pub mod assets;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod index;
pub mod safe;
pub mod store;
pub mod tui;
pub mod ui;
