"""The partner portal (/partners/) and the intranet (/intranet/): the two signed-in
front doors beside the public site."""
