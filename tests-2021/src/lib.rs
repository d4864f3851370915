//! Only the tests matter: see tests/edition_2021.rs.
