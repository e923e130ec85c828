"""Reports' catalogue as versioned data: the threat taxonomy (``threats-<version>.json`` beside
taxonomy.py, loaded by portal.common.catalogues)."""
