"""Screening's catalogues as versioned data: the compensating controls and the scoring rubric (JSON
beside these modules, loaded by portal.common.catalogues)."""
