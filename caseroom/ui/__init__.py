"""The Textual UI: renders the domain's state and sends it events; holds no state of its own."""
