"""The tracking pages: signing in, the person's cases and the case page, and what they can do next."""
