"""Small widgets and helpers every part of the window uses."""
