from reports.models.export import ExportJob
from reports.models.findings import Finding, FindingsReport, VulnerabilityTest
from reports.models.obligation import Obligation, SentReminder

__all__ = ["ExportJob", "Finding", "FindingsReport", "Obligation", "SentReminder", "VulnerabilityTest"]
