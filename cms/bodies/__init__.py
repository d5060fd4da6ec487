"""Bodies that advise the town: working groups, steering groups, the directors'
meeting, forums and advisory councils, with their meetings and their advice."""
