"""Building the site: what every language's build shares (state), what runs once all
languages are built (finish), and building the languages in parallel processes (parallel)."""
