"""copydesk's runtime: settings, errors, Redis keys, the results store, the client, the CLI."""
