use crate::prelude::*;
