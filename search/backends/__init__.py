"""Search engines behind one contract (`search.backends.base.SearchBackend`)."""
