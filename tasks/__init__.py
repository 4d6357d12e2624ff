"""copydesk's pipeline: pure stage functions and the models that travel between them."""
