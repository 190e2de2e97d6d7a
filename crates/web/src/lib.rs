//! lightbulb-web placeholder
