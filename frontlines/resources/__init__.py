"""Heavy resources (the gazetteer, the actor knowledge base): loaded once by an explicit loader, passed to stages."""
