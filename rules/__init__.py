"""The built-in rule pack: data only (YAML), shipped inside the package."""
