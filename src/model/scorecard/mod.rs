//! WoE scorecards (docs/RULES.md §18): bins per feature, weight of evidence and information
//! value, feature selection, a logistic regression (linfa-logistic) on the WoE features, and
//! points on a base score / base odds / PDO scale — fitted once into a [`Card`] that is saved
//! as JSON and applied without refitting.

pub mod binning;
pub mod card;
pub mod export;
pub mod fit;
pub mod logistic;
pub mod merge;
pub mod select;
pub mod settings;
pub mod woe;

pub use card::{Card, CardError, Reason, Scored};
pub use fit::{fit, FitError, FitReport, Sample};
pub use settings::{Settings, SettingsError, ValidSettings};
