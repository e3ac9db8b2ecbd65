"""MovieLens (RecBole atomic files) reader and importer, for demos and benchmarks."""
