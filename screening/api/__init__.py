"""The screening API: applications and their transitions, and the review part (phases, panels, scores,
assessments, conflicts)."""
