"""Section vocabulary (YAML) used to recognise the parts of a report."""
