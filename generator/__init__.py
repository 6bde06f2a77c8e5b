"""Generator for CCHC outreach portals: plan YAML and Markdown content to a static site."""
