"""The data layer: models and the queries that are the only code touching the database session."""
