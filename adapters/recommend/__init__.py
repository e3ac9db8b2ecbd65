"""The recommendation engine port over ``recommender/``: training from the database, versioned
artifacts with promotion, and serving with hot swap."""
