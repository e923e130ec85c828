from .export import ExportJob
from .findings import Finding, FindingsReport, VulnerabilityTest
from .obligation import Obligation, SentReminder

__all__ = ["ExportJob", "Finding", "FindingsReport", "Obligation", "SentReminder", "VulnerabilityTest"]
