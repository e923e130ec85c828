from screening.models.application import Application
from screening.models.conflict import ConflictOfInterest
from screening.models.document import SupportingDocument
from screening.models.history import StateChange
from screening.models.phase import Phase
from screening.models.reminder import ReviewReminder
from screening.models.review import Assessment, Assignment, ScoreSheet

__all__ = [
    "Application", "Assessment", "Assignment", "ConflictOfInterest", "Phase", "ReviewReminder", "ScoreSheet",
    "StateChange", "SupportingDocument",
]
