"""Icons, styles, print fonts and templates, shipped inside the package."""
