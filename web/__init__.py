"""Flask routes that are not Dash pages and not callbacks: the few places the public site accepts writes."""
